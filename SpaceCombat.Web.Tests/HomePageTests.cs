using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public void The_battle_code_field_is_labelled_says_what_is_wrong_with_a_bad_code_and_joins_on_Enter()
    {
        var home = Render<Home>();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        Assert.Equal("Battle code", home.Find("label[for=battle-code]").TextContent.Trim());
        Assert.DoesNotContain("mud-shrink", home.Find("#battle-code").ParentElement!.ClassName, StringComparison.Ordinal);

        home.Find("#battle-code").Input("K7Q");
        // The label floats above the value (MudTextField's mud-shrink).
        Assert.Contains("mud-shrink", home.Find("#battle-code").ParentElement!.ClassName, StringComparison.Ordinal);
        home.FindAll("button").Single(b => b.TextContent.Trim() == "Join").Click();
        Assert.Equal("true", home.Find("#battle-code").GetAttribute("aria-invalid"));
        Assert.Equal("battle-code-error", home.Find("#battle-code").GetAttribute("aria-describedby"));
        Assert.Equal("A battle code has 6 letters and digits, like K7QXPD.", home.Find("#battle-code-error").TextContent.Trim());
        Assert.Equal("http://localhost/", navigation.Uri);

        home.Find("#battle-code").Input(" k7qxpd ");
        home.Find("#battle-code").KeyUp(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal("http://localhost/join/K7QXPD", navigation.Uri);
        Assert.Empty(home.FindAll("#battle-code-error"));
        Assert.Equal("false", home.Find("#battle-code").GetAttribute("aria-invalid"));
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.StartsWith("mud", StringComparison.Ordinal));
    }
}
