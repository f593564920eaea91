using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Web.Components.Layout;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Tests.Components;

namespace SpaceCombat.Web.Tests;

public sealed class MainLayoutTests : MudBunitContext
{
    private static readonly AsyncLocal<AppServices.Fakes?> Registered = new();
    private readonly SpaceCombatOptions options;

    public MainLayoutTests()
        : base(services => Registered.Value = services.AddAppServices())
    {
        options = Registered.Value!.Options;
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
    public void The_shell_starts_no_popover_machinery_for_its_pages()
    {
        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        layout.WaitForAssertion(() => Assert.Equal("true", layout.Find(".sc-shell").GetAttribute("data-interactive")));
        // The provider renders this element and asks the browser, once interactive, how many providers it has.
        Assert.Empty(layout.FindAll(".mud-popover-provider"));
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.StartsWith("mudpopover", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_shell_leaves_snackbars_to_the_pages_that_show_them()
    {
        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        Assert.Empty(layout.FindAll("#mud-snackbar-container"));
    }

    /// <summary>
    /// Every circuit keeps two buffers of the shell's own frames (Blazor rents them in powers of two from 32): past 32
    /// frames they are two of 64, 2.5 KB more in every circuit of every page.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_shells_own_render_tree_fits_a_32_frame_buffer(bool interactive)
    {
        if (!interactive)
        {
            UseStaticRenderer();
        }
        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));
        layout.WaitForAssertion(() => Assert.Equal(interactive ? "true" : "false", layout.Find(".sc-shell").GetAttribute("data-interactive")));

        var frames = HudRendering.FramesOf(layout.Instance).Length;
        // A real render tree: the shell's elements, the notices and the page are in it.
        Assert.True(frames is > 16 and <= 32, $"{frames} frames");
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

    [Fact]
    public void The_prerendered_page_says_joining_in_a_status()
    {
        UseStaticRenderer();
        var prerendered = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        var joining = prerendered.Find("[data-testid=joining]");
        Assert.Equal("status", joining.GetAttribute("role"));
        Assert.Equal("polite", joining.GetAttribute("aria-live"));
        Assert.Equal("Joining…", joining.TextContent);
    }

    [Fact]
    public void The_interactive_page_no_longer_says_joining()
    {
        var interactive = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        interactive.WaitForAssertion(() => Assert.Equal("true", interactive.Find(".sc-shell").GetAttribute("data-interactive")));
        Assert.Empty(interactive.FindAll("[data-testid=joining]"));
    }

    [Fact]
    public async Task The_first_interactive_render_gives_the_circuit_arrival_permit_to_the_next_arrival()
    {
        options.ArrivalPermits = 1;
        var arrival = Services.GetRequiredService<CircuitArrival>();
        await arrival.WaitForAdmissionAsync();
        var next = Services.GetRequiredService<ArrivalAdmission>().AdmitAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);

        Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        using var admitted = await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(admitted.IsAdmitted);
    }

    [Fact]
    public async Task A_refused_arrival_shows_the_busy_message_in_place_of_the_page()
    {
        options.ArrivalPermits = 1;
        options.ArrivalQueueLimit = 0;
        using var taken = await Services.GetRequiredService<ArrivalAdmission>().AdmitAsync(CancellationToken.None);
        var arrival = Services.GetRequiredService<CircuitArrival>();
        await arrival.WaitForAdmissionAsync();

        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, PageBody));

        Assert.Contains(ArrivalAdmission.RefusedMessage, layout.Find("[data-testid=arrival-refused]").TextContent, StringComparison.Ordinal);
        Assert.Empty(layout.FindAll("#page-body"));
        Assert.Single(layout.FindAll("h1"));
    }
}
