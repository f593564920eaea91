using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Web.Components.Layout;

namespace SpaceCombat.Web.Tests;

public sealed class MainLayoutTests : MudBunitContext
{
    public MainLayoutTests()
        : base(services => services.AddAppServices())
    {
    }

    private static readonly RenderFragment PageBody = builder => builder.AddMarkupContent(0, "<p id=\"page-body\">body</p>");

    [Fact]
    public void Marks_the_shell_interactive_once_the_circuit_is_live()
    {
        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        layout.WaitForAssertion(() =>
            Assert.Equal("true", layout.Find(".sc-shell").GetAttribute("data-interactive")));
    }

    [Fact]
    public void Keeps_the_shell_non_interactive_while_prerendering()
    {
        UseStaticRenderer();

        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        Assert.Equal("false", layout.Find(".sc-shell").GetAttribute("data-interactive"));
    }

    [Fact]
    public void Shows_the_title_navigation_and_page_body()
    {
        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        Assert.Contains("SpaceCombat", layout.Find(".mud-appbar").TextContent);
        var links = layout.FindAll("nav.sc-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/", links);
        Assert.Contains("/ships", links);
        Assert.Contains("/admin", links);
        Assert.Contains("/rules", links);
        Assert.Equal("body", layout.Find("#page-body").TextContent);
    }

    [Fact]
    public void The_page_body_is_the_one_main_landmark_with_a_skip_link_to_it()
    {
        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        var main = Assert.Single(layout.FindAll("main"));
        Assert.Equal("main", main.Id);
        Assert.NotNull(main.QuerySelector("#page-body"));
        Assert.Equal("#main", layout.Find(".sc-skip-link").GetAttribute("href"));
    }
}
