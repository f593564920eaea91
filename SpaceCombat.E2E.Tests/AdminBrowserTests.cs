using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>The admin dashboard in a real browser, on apps of their own (an admin password, or none).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserFixture browser)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_admin_page_refuses_without_the_password_shows_live_charts_with_it_and_ends_a_battle_of_another_browser()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?> { ["SpaceCombat:AdminPassword"] = Password });
        await using var admin = await browser.NewSessionAsync(app.BaseUrl);
        var page = admin.Page;

        await admin.GotoAndWaitInteractiveAsync("/admin");
        await Expect(page.GetByTestId("admin-signin")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("admin-dashboard")).ToHaveCountAsync(0);

        await page.GetByLabel("Admin password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("admin-signin-error")).ToHaveTextAsync("Wrong password.");
        await Expect(page.GetByTestId("admin-dashboard")).ToHaveCountAsync(0);

        await page.GetByLabel("Admin password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var dashboard = page.GetByTestId("admin-dashboard");
        await Expect(dashboard).ToBeVisibleAsync();
        foreach (var chart in new[] { "circuits", "actions", "latency", "memory", "threadpool" })
        {
            await Expect(page.GetByTestId($"chart-{chart}").Locator("svg").First).ToBeVisibleAsync();
        }
        // Live: new samples arrive every 2 s.
        await Expect(dashboard).ToHaveAttributeAsync("data-samples", new Regex("^([3-9]|[1-9][0-9]+)$"));

        // A player in another browser context starts a battle against the AI.
        await using var player = await browser.NewSessionAsync(app.BaseUrl);
        var battle = new BattlePage(player.Page);
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Long");
        await Expect(battle.Hud).ToBeVisibleAsync();
        var battleId = battle.BattleId;

        var row = page.Locator($"[data-testid=battle-row][data-battle-id='{battleId}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Type-S Scout vs Type-A Free Trader");
        await Expect(page.GetByTestId("card-battles").GetByTestId("card-current")).ToHaveTextAsync("1");
        await admin.ScreenshotAsync("admin.png");

        await row.GetByRole(AriaRole.Button, new() { Name = $"End battle {battleId}" }).ClickAsync();
        // The first click only asks for confirmation.
        await Expect(row.GetByTestId("end-battle-confirm")).ToBeVisibleAsync();
        await Expect(battle.Hud).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Confirm end battle {battleId}" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(battle.Result).ToBeVisibleAsync();
        await Expect(player.Page.GetByTestId("battle-result-reason")).ToContainTextAsync("abandoned");
        Assert.Empty(admin.ConsoleErrors);
    }

    [Fact]
    public async Task Without_a_password_the_admin_page_opens_for_a_loopback_browser()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>());
        await using var admin = await browser.NewSessionAsync(app.BaseUrl);

        await admin.GotoAndWaitInteractiveAsync("/admin");

        await Expect(admin.Page.GetByTestId("admin-dashboard")).ToBeVisibleAsync();
        await Expect(admin.Page.GetByTestId("admin-signin")).ToHaveCountAsync(0);
        await Expect(admin.Page.GetByTestId("admin-refused")).ToHaveCountAsync(0);
    }
}
