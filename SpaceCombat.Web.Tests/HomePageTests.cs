using Bunit;
using SpaceCombat.Web.Components.Pages;

namespace SpaceCombat.Web.Tests;

public sealed class HomePageTests : MudBunitContext
{
    [Fact]
    public void Shows_the_title_tagline_and_a_way_to_the_ships()
    {
        var home = Render<Home>();

        Assert.Equal("SpaceCombat", home.Find("h1").TextContent.Trim());
        Assert.Contains("Traveller", home.Find(".sc-tagline").TextContent);
        Assert.NotNull(home.Find("a[href='/ships']"));
    }
}
