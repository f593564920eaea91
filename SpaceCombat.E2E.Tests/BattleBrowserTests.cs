using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class BattleBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Scenario_link_prefills_the_set_up_and_starts_that_battle()
    {
        await GotoAndWaitInteractiveAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Short");

        await Expect(Page.GetByTestId("setup-summary")).ToContainTextAsync("You: Type-S Scout · Enemy: Type-A Free Trader (AI) · Start: Short");
        await ScreenshotAsync("setup.png");

        var battle = new BattlePage(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start Battle", Exact = true }).ClickAsync();
        await Expect(battle.RangeBand).ToHaveTextAsync("Short");
        // The AI may win initiative and fire first, so only the maximums are certain.
        await Expect(battle.OwnHull).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ / 40$"));
        await Expect(battle.EnemyHull).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ / 80$"));
        await Expect(Page.GetByTestId("initiative")).ToContainTextAsync("acts first");
    }

    [Fact]
    public async Task A_solo_battle_against_the_AI_is_played_to_its_result_through_the_page()
    {
        var battle = new BattlePage(Page);
        await battle.StartAsync("/new?opponent=ai&ship=patrol_corvette&enemyShip=free_trader&range=Short");

        Assert.True(await battle.WaitForMyTurnOrResultAsync());
        await battle.PlayTurnAsync();
        await Expect(battle.CombatLog).ToContainTextAsync("vs 8, Effect");

        await battle.PlayToResultAsync();

        await Expect(battle.Result).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Victory|Defeat|Draw)$"));
        await Expect(battle.Button("Rematch")).ToBeVisibleAsync();
        await Expect(battle.Button("Back to lobby")).ToBeVisibleAsync();
        await ScreenshotAsync("result.png");
        Assert.Empty(Session.ConsoleErrors);
    }

    [Fact]
    public async Task Two_players_create_and_join_by_invite_link_fight_until_one_wins_and_both_take_their_seats_in_the_rematch()
    {
        var creator = new BattlePage(Page);
        await creator.StartAsync("/new?opponent=person&ship=patrol_corvette&range=Short");
        var inviteLink = (await Page.GetByTestId("invite-link").TextContentAsync())!.Trim();
        Assert.Equal($"{Browser.BaseUrl}join/{creator.BattleId}", inviteLink);
        await Expect(Page.GetByTestId("battle-code")).ToHaveTextAsync(creator.BattleId);

        await using var joinerSession = await Browser.NewSessionAsync();
        var joiner = new BattlePage(joinerSession.Page);
        await joinerSession.GotoAndWaitInteractiveAsync(inviteLink + "?ship=free_trader");
        await joiner.Button("Join Battle").ClickAsync();
        await Expect(joiner.OwnHull).ToHaveTextAsync("80 / 80");
        await Expect(creator.OwnHull).ToHaveTextAsync("160 / 160");
        await Expect(creator.EnemyHull).ToHaveTextAsync("80 / 80");

        // The corvette fires everything; the free trader only ends its turns, so the corvette wins.
        for (var turn = 0; turn < 200 && !await creator.Result.IsVisibleAsync(); turn++)
        {
            await Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=battle-result]') || document.querySelector('.sc-hud')?.dataset.turn");
            if ((await creator.TurnIndicator.TextContentAsync())?.Contains("Your turn") == true)
            {
                await creator.PlayTurnAsync();
            }
            else if ((await joiner.TurnIndicator.TextContentAsync())?.Contains("Your turn") == true)
            {
                await joiner.PlayTurnAsync(attack: false);
            }
        }

        await Expect(creator.Result).ToHaveTextAsync("Victory");
        await Expect(joiner.Result).ToHaveTextAsync("Defeat");

        // The winner asks for a rematch: a new battle with the same ships; the loser's page offers it and takes its seat.
        var first = creator.BattleId;
        await creator.Button("Rematch").ClickAsync();
        await Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/battle/{first}$"));
        await Expect(creator.OwnHull).ToHaveTextAsync("160 / 160");
        var rematch = creator.BattleId;
        Assert.NotEmpty(rematch);
        await Expect(joiner.Page.GetByTestId("rematch-offered")).ToBeVisibleAsync();
        await joiner.Button("Rematch").ClickAsync();
        await Expect(joiner.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/battle/{rematch}$"));
        await Expect(joiner.OwnHull).ToHaveTextAsync("80 / 80");
        await Expect(joiner.EnemyHull).ToHaveTextAsync("160 / 160");
        await Expect(creator.EnemyHull).ToHaveTextAsync("80 / 80");
        await Expect(creator.Result).Not.ToBeVisibleAsync();
        await Expect(joiner.TurnIndicator).ToBeVisibleAsync();
        Assert.Empty(Session.ConsoleErrors);
    }

    [Fact]
    public async Task The_turn_timer_counts_down_in_the_browser_and_starts_again_with_the_next_turn()
    {
        var creator = new BattlePage(Page);
        await creator.StartAsync("/new?opponent=person&ship=patrol_corvette&range=Long");
        var inviteLink = (await Page.GetByTestId("invite-link").TextContentAsync())!.Trim();
        await using var joinerSession = await Browser.NewSessionAsync();
        var joiner = new BattlePage(joinerSession.Page);
        await joinerSession.GotoAndWaitInteractiveAsync(inviteLink + "?ship=free_trader");
        await joiner.Button("Join Battle").ClickAsync();
        await Expect(joiner.OwnHull).ToHaveTextAsync("80 / 80");
        var timers = new[] { Page.GetByTestId("turn-timer"), joinerSession.Page.GetByTestId("turn-timer") };

        // The test server's turns last 30 s: both pages count the first one down without a server render.
        foreach (var timer in timers)
        {
            await Expect(timer).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^00:2[0-7]$"), new() { Timeout = 15_000 });
        }

        // The player to act ends the turn: both clocks start again from the next turn's time left.
        var acting = (await creator.TurnIndicator.TextContentAsync())?.Contains("Your turn") == true ? creator : joiner;
        await acting.Button("End Turn").ClickAsync();
        foreach (var timer in timers)
        {
            await Expect(timer).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^00:(29|30)$"));
        }
        Assert.Empty(Session.ConsoleErrors);
        Assert.Empty(joinerSession.ConsoleErrors);
    }

    [Fact]
    public async Task Reloading_mid_battle_keeps_the_seat_and_the_state()
    {
        var battle = new BattlePage(Page);
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=safari_ship&range=Medium");
        Assert.True(await battle.WaitForMyTurnOrResultAsync());
        await battle.PlayTurnAsync();
        Assert.True(await battle.WaitForMyTurnOrResultAsync());

        await ScreenshotAsync("hud-mid-battle.png");
        var before = new[] { await battle.OwnHull.TextContentAsync(), await battle.EnemyHull.TextContentAsync(), await battle.Round.TextContentAsync(), await battle.RangeBand.TextContentAsync() };
        var url = Page.Url;

        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-interactive='true']")).ToBeAttachedAsync();

        await Expect(battle.TurnIndicator).ToContainTextAsync("Your turn");
        await Expect(battle.OwnHull).ToHaveTextAsync(before[0]!);
        await Expect(battle.EnemyHull).ToHaveTextAsync(before[1]!);
        await Expect(battle.Round).ToHaveTextAsync(before[2]!);
        await Expect(battle.RangeBand).ToHaveTextAsync(before[3]!);
        Assert.Equal(url, Page.Url);
        await Expect(battle.Button("End Turn")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task A_third_browser_is_a_spectator_and_cannot_act()
    {
        var creator = new BattlePage(Page);
        await creator.StartAsync("/new?opponent=person&ship=scout&range=Medium");
        var inviteLink = (await Page.GetByTestId("invite-link").TextContentAsync())!.Trim();

        await using var joinerSession = await Browser.NewSessionAsync();
        await joinerSession.GotoAndWaitInteractiveAsync(inviteLink + "?ship=seeker");
        await new BattlePage(joinerSession.Page).Button("Join Battle").ClickAsync();
        await Expect(creator.EnemyHull).ToHaveTextAsync("40 / 40");

        await using var spectatorSession = await Browser.NewSessionAsync();
        var spectator = new BattlePage(spectatorSession.Page);
        await spectatorSession.GotoAndWaitInteractiveAsync($"/battle/{creator.BattleId}");
        await Expect(spectatorSession.Page.GetByTestId("spectator-badge")).ToBeVisibleAsync();
        await Expect(spectator.TurnIndicator).Not.ToContainTextAsync("Your turn");
        var turn = await spectator.Hud.GetAttributeAsync("data-turn");

        // A spectator gets no controls at all (not disabled ones), and the ships by name.
        foreach (var name in new[] { "End Turn", "Surrender", "Fire", "Close Range", "Open Range" })
        {
            await Expect(spectator.Button(name)).ToHaveCountAsync(0);
        }
        await Expect(spectatorSession.Page.GetByTestId("battle-heading")).ToHaveTextAsync("Type-S Scout v Type-J Seeker");

        // Nothing changed for anyone: same turn, no result.
        Assert.Equal(turn, await spectator.Hud.GetAttributeAsync("data-turn"));
        Assert.Equal(turn, await creator.Hud.GetAttributeAsync("data-turn"));
        await Expect(spectator.Result).ToHaveCountAsync(0);
        await Expect(creator.Result).ToHaveCountAsync(0);

        // The spectator still sees the players' moves.
        var acting = await creator.TurnIndicator.TextContentAsync() is { } text && text.Contains("Your turn") ? creator : new BattlePage(joinerSession.Page);
        await acting.Button("End Turn").ClickAsync();
        await Expect(spectator.Hud).Not.ToHaveAttributeAsync("data-turn", turn!);
    }
}
