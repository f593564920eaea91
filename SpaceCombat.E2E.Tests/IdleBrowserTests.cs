using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>An idle tab is told it was disconnected for inactivity, on an app with a short IdleTimeout.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IdleBrowserTests(BrowserFixture browser)
{
    // Generous: the idle timeout plus a check interval plus a busy machine.
    private const float IdleNoticeTimeoutMs = 30_000;

    [Fact]
    public async Task An_idle_battle_tab_shows_the_inactivity_message_and_Reconnect_returns_the_player_to_their_seat()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>
        {
            ["SpaceCombat:IdleTimeout"] = "00:00:03",
            ["SpaceCombat:ConnectionCheckInterval"] = "00:00:01",
        });
        await using var session = await browser.NewSessionAsync(app.BaseUrl);
        var battle = new BattlePage(session.Page);
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Long");
        var battleUrl = session.Page.Url;

        // The player could act but does nothing.
        var notice = session.Page.GetByTestId("idle-notice");
        await Expect(notice).ToBeVisibleAsync(new() { Timeout = IdleNoticeTimeoutMs });
        await Expect(notice).ToContainTextAsync("Disconnected for inactivity");

        await notice.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Reconnect" }).ClickAsync();

        // The page reloads and the stored seat token brings the player back to the same battle, as its player.
        await Expect(session.Page.Locator("[data-interactive='true']")).ToBeAttachedAsync();
        Assert.Equal(new Uri(battleUrl).AbsolutePath, new Uri(session.Page.Url).AbsolutePath);
        await Expect(battle.Hud).ToBeVisibleAsync();
        await Expect(session.Page.GetByTestId("spectator-badge")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_idle_lobby_tab_shows_the_inactivity_message()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>
        {
            ["SpaceCombat:IdleTimeout"] = "00:00:03",
            ["SpaceCombat:ConnectionCheckInterval"] = "00:00:01",
        });
        await using var session = await browser.NewSessionAsync(app.BaseUrl);

        await session.GotoAndWaitInteractiveAsync("/");

        var notice = session.Page.GetByTestId("idle-notice");
        await Expect(notice).ToBeVisibleAsync(new() { Timeout = IdleNoticeTimeoutMs });
        await Expect(notice.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Reconnect" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("idle.png");
    }
}
