using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>axe-core on every screen, visible keyboard focus, and a whole battle played with Tab and Enter only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData("/", "home")]
    [InlineData("/new?opponent=ai", "set-up")]
    [InlineData("/ships", "ships")]
    [InlineData("/rules", "rules")]
    public async Task A_page_has_no_serious_axe_violations_a_main_landmark_and_one_h1(string path, string screen)
    {
        await GotoAndWaitInteractiveAsync(path);

        await Expect(Page.Locator("main")).ToHaveCountAsync(1);
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(Page, screen);
    }

    [Fact]
    public async Task The_admin_dashboard_has_no_serious_axe_violations()
    {
        await GotoAndWaitInteractiveAsync("/admin");
        await Expect(Page.GetByTestId("live-battles").Or(Page.GetByTestId("admin-refused"))).ToBeVisibleAsync();

        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(Page, "admin");
    }

    [Fact]
    public async Task The_waiting_page_has_no_serious_axe_violations()
    {
        var battle = new BattlePage(Page);
        await battle.StartAsync("/new?opponent=person&ship=scout&range=Medium");
        await Expect(Page.GetByTestId("invite-link")).ToBeVisibleAsync();

        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(Page, "waiting");
    }

    [Fact]
    public async Task Battle_spectator_and_result_screens_have_no_serious_axe_violations()
    {
        var battle = new BattlePage(Page);
        // Neither ship can destroy the other in one turn here, so the battle is still on after a round.
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Medium");
        Assert.True(await battle.WaitForMyTurnOrResultAsync());
        await battle.PlayTurnAsync();
        Assert.True(await battle.WaitForMyTurnOrResultAsync());

        await Expect(Page.Locator("main")).ToHaveCountAsync(1);
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(Page, "battle mid-fight");

        await using (var spectatorSession = await Browser.NewSessionAsync())
        {
            await spectatorSession.GotoAndWaitInteractiveAsync($"/battle/{battle.BattleId}");
            await Expect(spectatorSession.Page.GetByTestId("spectator-badge")).ToBeVisibleAsync();
            await Axe.AssertNoSeriousViolationsAsync(spectatorSession.Page, "spectator");
        }

        await battle.Button("Surrender").ClickAsync();
        await battle.Button("Yes, surrender").ClickAsync();
        await Expect(battle.Result).ToHaveTextAsync("Defeat");
        await battle.Button("Show the full log").ClickAsync();
        await Expect(Page.GetByTestId("full-log-lines")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(Page, "result");

        // Both logs scroll in a long battle: squeezed so that they scroll now, they must still be reachable by keyboard.
        await Page.AddStyleTagAsync(new() { Content = ".sc-log { max-height: 48px !important; }" });
        Assert.True(await Page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.sc-log')].every(l => l.scrollHeight > l.clientHeight)"));
        await Axe.AssertNoSeriousViolationsAsync(Page, "result with scrolling logs");
        await ScreenshotAsync("result-full-log.png");
    }

    [Fact]
    public async Task The_keyboard_focused_button_has_a_visible_outline_the_others_do_not()
    {
        await GotoAndWaitInteractiveAsync("/new?opponent=ai");

        Assert.True(await TabToAsync("Start Battle"), "Tab never reached Start Battle");
        var focused = await OutlineAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Start Battle", Exact = true }));
        var unfocused = await OutlineAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Copy scenario link", Exact = true }));

        Assert.NotEqual(unfocused, focused);
        Assert.Equal("solid", focused.Style);
        Assert.True(focused.Width >= 2, $"focus outline {focused.Width}px");
        Assert.True(unfocused.Style == "none" || unfocused.Width == 0, $"unfocused outline {unfocused}");
        await ScreenshotAsync("focus-visible.png");
    }

    [Fact]
    public async Task A_whole_battle_against_the_AI_is_played_with_Tab_and_Enter_only()
    {
        await GotoAndWaitInteractiveAsync("/new?opponent=ai&ship=patrol_corvette&enemyShip=free_trader&range=Short");
        Assert.True(await TabToAsync("Start Battle"), "Tab never reached Start Battle");
        await Page.Keyboard.PressAsync("Enter");
        var battle = new BattlePage(Page);
        await Expect(battle.Hud).ToBeVisibleAsync();

        for (var turn = 0; turn < 80 && await battle.WaitForMyTurnOrResultAsync(); turn++)
        {
            var turnNumber = await battle.Hud.GetAttributeAsync("data-turn");
            foreach (var action in new[] { "Fire", "Launch Missile" })
            {
                // Each shot disables its button (no longer focusable), so the next Tab sweep finds the next turret's.
                while (!await battle.Result.IsVisibleAsync() && await TabToAsync(action))
                {
                    await Page.Keyboard.PressAsync("Enter");
                    await Page.WaitForFunctionAsync(
                        "() => document.querySelector('[data-testid=battle-result]') || document.activeElement?.disabled || document.activeElement === document.body");
                }
            }
            if (await battle.Result.IsVisibleAsync())
            {
                break;
            }
            Assert.True(await TabToAsync("End Turn"), "Tab never reached End Turn");
            await Page.Keyboard.PressAsync("Enter");
            await Page.WaitForFunctionAsync(
                "turn => document.querySelector('[data-testid=battle-result]') || document.querySelector('.sc-hud')?.dataset.turn !== turn", turnNumber);
        }

        await Expect(battle.Result).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Victory|Defeat|Draw)$"));
        await Expect(Page.GetByTestId("announcer")).Not.ToBeEmptyAsync();
        Assert.Empty(Session.ConsoleErrors);
    }

    /// <summary>Presses Tab until the focused element's text is <paramref name="name"/>; false after one sweep of the page.</summary>
    private async Task<bool> TabToAsync(string name, int maxPresses = 60)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            // The accessible name, or the visible text when it starts with the name (a button may add its odds).
            if (await Page.EvaluateAsync<bool>(
                "name => { const e = document.activeElement; const t = (e?.getAttribute('aria-label') ?? e?.textContent ?? '').trim(); return (t === name || t.startsWith(name + ' ')) && !e.disabled; }", name))
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Outline(string Style, double Width, string Color);

    private static async Task<Outline> OutlineAsync(ILocator element)
    {
        var parts = await element.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }");
        return new Outline(parts[0], double.Parse(parts[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }
}
