using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Web.Components.Layout;

namespace SpaceCombat.Web.Tests;

public sealed class NavMenuTests : MudBunitContext
{
    private List<string?> CurrentLinks(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a[aria-current=page]").Select(a => a.GetAttribute("href")).ToList();

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/?code=K7QXPD", "/")]
    [InlineData("/ships", "/ships")]
    [InlineData("/ships/scout", "/ships")]
    [InlineData("/Rules#range", "/rules")]
    [InlineData("/admin", "/admin")]
    public void Marks_the_link_of_the_current_page_as_NavLink_does(string location, string current)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(location);

        var menu = Render<NavMenu>();

        Assert.Equal([current], CurrentLinks(menu));
        Assert.Contains("active", menu.Find("a[aria-current=page]").ClassList);
        Assert.Single(menu.FindAll("a.active"));
    }

    [Theory]
    [InlineData("/new?opponent=ai")]
    [InlineData("/battle/K7QXPD")]
    [InlineData("/shipsy")]
    public void Marks_no_link_on_pages_outside_the_menu(string location)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(location);

        var menu = Render<NavMenu>();

        Assert.Empty(CurrentLinks(menu));
        Assert.Empty(menu.FindAll("a.active"));
    }

    [Fact]
    public void Moves_the_mark_when_the_page_changes()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/");
        var menu = Render<NavMenu>();

        navigation.NavigateTo("/rules");

        menu.WaitForAssertion(() => Assert.Equal(["/rules"], CurrentLinks(menu)));
    }

    [Fact]
    public void Renders_again_only_when_a_mark_moves_or_the_open_menu_closes()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/new?opponent=person");
        var menu = Render<NavMenu>();
        var renders = menu.RenderCount;

        // From the set-up page to the battle: no link is current on either.
        navigation.NavigateTo("/battle/K7QXPD");
        Assert.Equal(renders, menu.RenderCount);

        navigation.NavigateTo("/ships");
        menu.WaitForAssertion(() => Assert.Equal(["/ships"], CurrentLinks(menu)));
        Assert.Equal(renders + 1, menu.RenderCount);

        // Within the same mark, an open menu closes.
        menu.Find("[data-testid=nav-menu]").Click();
        Assert.Equal("true", menu.Find("[data-testid=nav-menu]").GetAttribute("aria-expanded"));
        navigation.NavigateTo("/ships/scout");
        menu.WaitForAssertion(() => Assert.Equal("false", menu.Find("[data-testid=nav-menu]").GetAttribute("aria-expanded")));
        Assert.Equal(["/ships"], CurrentLinks(menu));
    }
}
