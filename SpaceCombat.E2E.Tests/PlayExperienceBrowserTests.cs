using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>Issue 20 in a real browser: standing helm orders and paced (not refused) quick clicks, on default settings.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlayExperienceBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string RateLimitText = "Rate limit exceeded";

    [Fact]
    public async Task From_a_Distant_start_against_the_AI_the_first_shot_takes_two_clicks_after_Start_Battle()
    {
        var battle = new BattlePage(Page);
        await battle.StartAsync("/new?opponent=ai&ship=free_trader&enemyShip=free_trader&range=Distant");
        var clicks = 0;
        Assert.True(await battle.WaitForMyTurnOrResultAsync());
        await Expect(battle.RangeBand).ToHaveTextAsync("Distant");

        await battle.Button("Close to Firing Range").ClickAsync();
        clicks++;

        // The server closes and ends the turns until the beam lasers reach (Medium), then hands the helm back.
        await Expect(Page.GetByTestId("helm-order-ended")).ToContainTextAsync("A weapon can act");
        await Expect(battle.RangeBand).ToHaveTextAsync("Medium");
        await Expect(battle.TurnIndicator).ToHaveTextAsync("Your turn");
        var fire = battle.Button("Fire").First;
        await Expect(fire).ToBeEnabledAsync();
        // The odds and every modifier: Gunner and Range, with whatever the AI's shots on the way in added (a crew
        // critical is −1).
        await Expect(Page.GetByTestId("fire-hint").First).ToHaveTextAsync(new Regex(@"^\d+ % · 2D \+ Gunner 1 \+ (.+ \+ )?Range 0 ≥ 8$"));
        await ScreenshotAsync("helm-order-stopped.png");

        await fire.ClickAsync();
        clicks++;
        await Expect(battle.CombatLog).ToContainTextAsync("Your Type-A Free Trader fires turret");
        Assert.True(clicks <= 4, $"{clicks} clicks after Start Battle");
        Assert.Empty(Session.ConsoleErrors);
    }

    [Fact]
    public async Task Eight_clicks_150_ms_apart_on_different_controls_all_take_effect_with_no_rate_limit_message()
    {
        // The shared app lifts the rate limit; this one has the defaults (2 per second, 6 waiting).
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>());
        await using var session = await Browser.NewSessionAsync(app.BaseUrl);
        var page = session.Page;
        var battle = new BattlePage(page);
        await battle.StartAsync("/new?opponent=ai&ship=mercenary_cruiser&enemyShip=patrol_corvette&range=Short");
        Assert.True(await battle.WaitForMyTurnOrResultAsync());

        // Six turrets (the first enabled weapon of each), then Close Range and End Turn, one click every 150 ms: four
        // times the default 2 actions per second, so six of them wait in the queue.
        var scheduled = await page.EvaluateAsync<int>(
            """
            () => {
                window.scRateLimited = false;
                new MutationObserver(() => {
                    if (document.body.textContent.includes('Rate limit exceeded')) { window.scRateLimited = true; }
                }).observe(document.body, { subtree: true, childList: true, characterData: true });
                const named = (root, names) => [...root.querySelectorAll('button')]
                    .filter(b => !b.disabled && names.includes(b.textContent.trim()));
                const targets = [...document.querySelectorAll('.sc-turret-row')]
                    .map(row => named(row, ['Fire', 'Launch Missile'])[0])
                    .filter(b => b);
                targets.push(named(document, ['Close Range'])[0], named(document, ['End Turn'])[0]);
                targets.forEach((button, i) => setTimeout(() => button.click(), i * 150));
                return targets.length;
            }
            """);
        Assert.Equal(8, scheduled);

        // All eight ran, in order: the turn ended after four shots, two launches and the manoeuvre.
        await Expect(battle.CombatLog).ToContainTextAsync("Your Type-C Mercenary Cruiser ends its turn", new() { Timeout = 15_000 });
        var log = await battle.CombatLog.TextContentAsync() ?? "";
        Assert.Equal(4, Regex.Count(log, "Your Type-C Mercenary Cruiser fires turret"));
        Assert.Equal(2, Regex.Count(log, "Your Type-C Mercenary Cruiser launches"));
        // All its thrust: 3, or less when the AI's opening shots damaged its drive (the dice are not scripted here).
        Assert.Equal(1, Regex.Count(log, @"Your Type-C Mercenary Cruiser spends [1-3] thrust to close"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.scRateLimited"), "a paced click was refused");
        Assert.Equal(0, await page.GetByText(RateLimitText).CountAsync());
    }
}
