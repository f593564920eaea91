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
}
