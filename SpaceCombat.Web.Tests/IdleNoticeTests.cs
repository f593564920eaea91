using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Components.Layout;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests;

/// <summary>The layout's notices: disconnected for inactivity (with Reconnect), and the server restarting.</summary>
public sealed class IdleNoticeTests : MudBunitContext
{
    private static readonly AsyncLocal<AppServices.Fakes?> Registered = new();
    private readonly FakeTimeProvider time;

    public IdleNoticeTests()
        : base(services => Registered.Value = services.AddAppServices())
    {
        time = Registered.Value!.Time;
        Registered.Value!.Options.IdleTimeout = TimeSpan.FromSeconds(30);
    }

    private CurrentCircuit OpenCircuit()
    {
        Services.GetRequiredService<CircuitActivityRegistry>().CircuitOpened("circuit-1");
        var circuit = Services.GetRequiredService<CurrentCircuit>();
        circuit.Open("circuit-1", connection: null);
        return circuit;
    }

    [Fact]
    public void Nothing_shows_while_the_circuit_is_active()
    {
        OpenCircuit();
        var notice = Render<IdleNotice>();

        time.Advance(TimeSpan.FromSeconds(29));
        Services.GetRequiredService<CircuitActivityRegistry>().DisconnectIdleCircuits();

        Assert.Empty(notice.FindAll("[data-testid=idle-notice]"));
    }

    [Fact]
    public async Task An_idle_disconnect_shows_the_notice_tells_the_page_script_and_confirms_it_to_the_circuit()
    {
        var circuit = OpenCircuit();
        var closePage = JSInterop.SetupVoid("spaceCombat.closePage");
        closePage.SetVoidResult();
        var notice = Render<IdleNotice>();

        time.Advance(TimeSpan.FromSeconds(30));
        // The check runs on a background thread in the app, as here.
        await Task.Run(() => Services.GetRequiredService<CircuitActivityRegistry>().DisconnectIdleCircuits());

        var shown = notice.WaitForElement("[data-testid=idle-notice]");
        Assert.Contains("Disconnected for inactivity", shown.TextContent);
        Assert.Equal(CircuitCloseReason.Idle, circuit.ClosedFor);
        // The circuit is gone by the time the player clicks: Reconnect is plain markup the page's script reloads on.
        Assert.True(notice.Find("[data-testid=idle-notice] button").HasAttribute("data-reload"));
        notice.WaitForAssertion(() => Assert.Single(closePage.Invocations));
    }

    [Fact]
    public async Task The_restart_notice_shows_when_the_server_begins_to_stop()
    {
        var notice = Render<RestartNotice>();
        Assert.Empty(notice.FindAll("[data-testid=restart-notice]"));

        var telling = Task.Run(() => Services.GetRequiredService<ShutdownNotifier>().TellPagesAsync());

        // The notifier tells pages off the caller's thread: allow for a busy thread pool when the suite runs in parallel.
        var shown = notice.WaitForElement("[data-testid=restart-notice]", TimeSpan.FromSeconds(10));
        Assert.Contains("The server is restarting…", shown.TextContent);
        // The stop waits for this page, which confirms once the notice is rendered.
        await telling.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
