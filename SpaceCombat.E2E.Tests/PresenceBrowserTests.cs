using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>The opponent's disconnection shows at once, with the forfeit countdown; the tab marks "Your turn".</summary>
[Collection(BrowserCollection.Name)]
public sealed class PresenceBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Closing_the_opponents_tab_shows_the_notice_with_the_countdown_within_3_seconds()
    {
        var creator = new BattlePage(Page);
        await creator.StartAsync("/new?opponent=person&ship=scout&range=Long");
        var inviteLink = (await Page.GetByTestId("invite-link").TextContentAsync())!.Trim();

        var joinerSession = await Browser.NewSessionAsync();
        await joinerSession.GotoAndWaitInteractiveAsync(inviteLink + "?ship=seeker");
        await new BattlePage(joinerSession.Page).Button("Join Battle").ClickAsync();
        await Expect(new BattlePage(joinerSession.Page).Hud).ToBeVisibleAsync();
        await Expect(creator.Hud).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("presence-notice")).ToHaveCountAsync(0);

        var closed = Stopwatch.StartNew();
        await joinerSession.DisposeAsync();
        var notice = Page.GetByTestId("presence-notice");
        await Expect(notice).ToBeVisibleAsync(new() { Timeout = 3000 });
        closed.Stop();
        await Expect(notice).ToContainTextAsync("Opponent disconnected — they forfeit in");
        await Expect(notice).ToContainTextAsync("unless they return");
        await Expect(notice).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"in\s+[12]:\d\d\s+unless"));
        Assert.True(closed.Elapsed < TimeSpan.FromSeconds(3), $"the notice took {closed.Elapsed.TotalSeconds:0.0} s");
        await ScreenshotAsync("presence-notice.png");
    }

    [Fact]
    public async Task The_tab_title_and_favicon_mark_the_players_turn()
    {
        var battle = new BattlePage(Page);
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Long");
        Assert.True(await battle.WaitForMyTurnOrResultAsync());

        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Your turn · Round \\d+ · SpaceCombat$"));
        await Expect(Page.Locator("link[rel=icon]")).ToHaveAttributeAsync("href", "favicon-turn.svg");

        await Page.GetByTestId("sound-toggle").ClickAsync();
        await Expect(Page.GetByTestId("sound-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal("on", await Page.EvaluateAsync<string>("() => localStorage.getItem('spaceCombat.turnSound')"));
    }
}
