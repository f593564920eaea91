using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Feeds circuit life-cycle and inbound activity into <see cref="CircuitActivityRegistry"/>, the circuit's
/// <see cref="CurrentCircuit"/> (with the hub connection it runs on, see <see cref="CircuitConnection"/>) and the
/// connection metrics. Scoped: Blazor creates one per circuit.
/// </summary>
/// <remarks>
/// Every inbound message counts as activity: UI events and JS interop, but also the browser's acknowledgement
/// of a server-initiated render. A component that re-renders on a server timer (e.g. a countdown rendered every
/// second) therefore keeps its circuit "active"; render such countdowns in the browser.
/// </remarks>
public sealed class CircuitActivityHandler(
    CircuitActivityRegistry registry,
    CurrentCircuit currentCircuit,
    SpaceCombatMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.CircuitOpened(circuit.Id);
        metrics.ConnectionOpened();
        currentCircuit.Open(circuit.Id, CircuitConnection.Current);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.ConnectionUp(circuit.Id);
        currentCircuit.ConnectionUp(CircuitConnection.Current);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.ConnectionDown(circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.CircuitClosed(circuit.Id);
        metrics.ConnectionClosed();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            registry.RecordActivity(context.Circuit.Id);
            return next(context);
        };
}
