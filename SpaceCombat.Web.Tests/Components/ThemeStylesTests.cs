using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SpaceCombat.Web.Theme;

namespace SpaceCombat.Web.Tests.Components;

public sealed class ThemeStylesTests : MudBunitContext
{
    public ThemeStylesTests() => UseStaticRenderer();

    [Fact]
    public void Renders_the_same_css_as_the_theme_provider_with_the_console_theme_in_dark_mode()
    {
        var provider = Render<MudThemeProvider>(parameters => parameters
            .Add(p => p.Theme, ConsoleTheme.Create())
            .Add(p => p.IsDarkMode, true));

        var styles = Render<ThemeStyles>();

        Assert.Contains("--mud-palette-primary:", provider.Markup, StringComparison.Ordinal);
        styles.MarkupMatches(provider.Markup);
    }

    [Fact]
    public void Renders_the_theme_once_per_process_and_reuses_that_text()
    {
        var first = Render<ThemeStyles>().Markup;
        var sheet = Services.GetRequiredService<ThemeStyleSheet>();

        Assert.Same(sheet.GetAsync(), sheet.GetAsync());
        Assert.Equal(first, Render<ThemeStyles>().Markup);
    }
}
