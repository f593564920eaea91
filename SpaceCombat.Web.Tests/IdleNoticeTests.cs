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
        circuit.Bind("circuit-1");
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
    public async Task An_idle_disconnect_shows_the_notice_and_Reconnect_reloads_the_page()
    {
        OpenCircuit();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/battle/ABC123");
        var notice = Render<IdleNotice>();

        time.Advance(TimeSpan.FromSeconds(30));
        // The check runs on a background thread in the app, as here.
        await Task.Run(() => Services.GetRequiredService<CircuitActivityRegistry>().DisconnectIdleCircuits());

        var shown = notice.WaitForElement("[data-testid=idle-notice]");
        Assert.Contains("Disconnected for inactivity", shown.TextContent);

        notice.Find("[data-testid=idle-notice] button").Click();

        var reload = Services.GetRequiredService<BunitNavigationManager>().History.First();
        Assert.EndsWith("/battle/ABC123", reload.Uri);
        Assert.True(reload.Options.ForceLoad);
        Assert.True(Services.GetRequiredService<CircuitActivityRegistry>().CircuitClosed("circuit-1"), "Reconnect tracks the circuit again");
    }

    [Fact]
    public async Task The_restart_notice_shows_when_the_server_begins_to_stop()
    {
        var notice = Render<RestartNotice>();
        Assert.Empty(notice.FindAll("[data-testid=restart-notice]"));

        await Task.Run(() => Services.GetRequiredService<ShutdownNotifier>().NotifyStopping());

        var shown = notice.WaitForElement("[data-testid=restart-notice]");
        Assert.Contains("The server is restarting…", shown.TextContent);
    }
}
