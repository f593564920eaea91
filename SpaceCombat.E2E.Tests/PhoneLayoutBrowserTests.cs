using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>A 390×844 phone: the turn, the timer and the action bar on screen without scrolling; a menu; no sideways scrolling.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    // A phone-sized session instead of the base class's desktop one.
    public override async Task InitializeAsync() => phone = await Browser.NewSessionAsync(viewport: Phone);

    public override async Task DisposeAsync()
    {
        if (phone is not null)
        {
            await phone.DisposeAsync();
        }
    }

    private BrowserSession? phone;

    private IPage PhonePage => phone!.Page;

    [Fact]
    public async Task The_turn_the_timer_and_End_Turn_are_on_screen_without_scrolling()
    {
        var battle = new BattlePage(PhonePage);
        await battle.StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Medium");
        Assert.True(await battle.WaitForMyTurnOrResultAsync());
        Assert.Equal(0, await PhonePage.EvaluateAsync<double>("() => window.scrollY"));

        await AssertInViewportAsync(PhonePage.GetByTestId("turn-indicator"), "turn indicator");
        await AssertInViewportAsync(PhonePage.GetByTestId("turn-timer"), "turn timer");
        await AssertInViewportAsync(battle.Button("End Turn"), "End Turn");
        await AssertInViewportAsync(battle.Button("Fire"), "Fire");
        await AssertInViewportAsync(battle.Button("Close Range"), "Close Range");
        await PhonePage.ScreenshotAsync(new() { Path = ScreenshotPath("phone-battle.png") });

        // Scrolled to the log, the turn, the timer and End Turn are still there.
        await PhonePage.GetByTestId("combat-log").ScrollIntoViewIfNeededAsync();
        await AssertInViewportAsync(PhonePage.GetByTestId("turn-indicator"), "turn indicator after scrolling");
        await AssertInViewportAsync(battle.Button("End Turn"), "End Turn after scrolling");
        await AssertNoSidewaysScrollingAsync("battle");
    }

    [Fact]
    public async Task The_navigation_collapses_into_a_menu_and_the_ships_page_needs_no_sideways_scrolling()
    {
        await phone!.GotoAndWaitInteractiveAsync("/ships");
        var menu = PhonePage.GetByTestId("nav-menu");
        await Expect(menu).ToBeVisibleAsync();
        await Expect(PhonePage.Locator("nav.sc-nav").GetByRole(AriaRole.Link, new() { Name = "Ships", Exact = true })).ToBeHiddenAsync();
        await AssertNoSidewaysScrollingAsync("ships");
        await PhonePage.ScreenshotAsync(new() { Path = ScreenshotPath("phone-ships.png"), FullPage = true });

        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await PhonePage.Locator("nav.sc-nav").GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await Expect(PhonePage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/rules$"));
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await AssertNoSidewaysScrollingAsync("rules");
    }

    private async Task AssertNoSidewaysScrollingAsync(string screen)
    {
        var width = await PhonePage.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"the {screen} page is {width}px wide on a {Phone.Width}px screen");
    }

    private static async Task AssertInViewportAsync(ILocator element, string what)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what} has no box");
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= Phone.Width && box.Y + box.Height <= Phone.Height,
            $"{what} is at x {box.X}, y {box.Y}, {box.Width}×{box.Height}: outside the {Phone.Width}×{Phone.Height} screen");
    }

    private static string ScreenshotPath(string fileName)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        return Path.Combine(BrowserFixture.ScreenshotDirectory, fileName);
    }
}
