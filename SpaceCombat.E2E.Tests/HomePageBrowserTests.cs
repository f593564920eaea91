using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class HomePageBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Home_page_becomes_interactive_and_shows_the_title()
    {
        await GotoAndWaitInteractiveAsync("/");

        await Expect(Page).ToHaveTitleAsync("SpaceCombat");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("SpaceCombat");
        await Expect(Page.Locator("nav.sc-nav").GetByRole(AriaRole.Link, new() { Name = "Ships" })).ToBeVisibleAsync();

        await ScreenshotAsync("home.png");
        Assert.Empty(Session.ConsoleErrors);
    }

    [Fact]
    public async Task A_page_opened_inside_the_circuit_retitles_the_tab()
    {
        await GotoAndWaitInteractiveAsync("/");
        var url = Page.Url;

        await Page.Locator("nav.sc-nav").GetByRole(AriaRole.Link, new() { Name = "Ships" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ships$"));
        await Expect(Page).ToHaveTitleAsync("Ships · SpaceCombat");
        await Page.GoBackAsync();
        await Expect(Page).ToHaveURLAsync(url);
        await Expect(Page).ToHaveTitleAsync("SpaceCombat");
        Assert.Empty(Session.ConsoleErrors);
    }
}
