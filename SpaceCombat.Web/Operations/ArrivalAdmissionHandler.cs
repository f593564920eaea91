using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Holds a new circuit's first render until <see cref="ArrivalAdmission"/> admits it. Blazor runs every handler's
/// <see cref="OnCircuitOpenedAsync"/> (awaited, in the circuit's own dispatcher) before it adds the page's root
/// components, while the hub call that asked for them has already returned: the waiting circuit blocks nothing but
/// itself, and its browser keeps showing the prerendered page with "Joining…". Scoped: one per circuit.
/// </summary>
public sealed class ArrivalAdmissionHandler(CircuitArrival arrival, CurrentCircuit currentCircuit) : CircuitHandler
{
    /// <summary>After the handlers that track and count the circuit (order 0), so it is known while it waits.</summary>
    public override int Order => 100;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // A circuit the server is already closing (its client holds too many) has nothing to wait for.
        if (currentCircuit.ClosedFor is not null)
        {
            return;
        }
        // Not cancelled by the connection dropping: the browser may reconnect to this circuit and still needs its
        // first render; the wait ends when the circuit itself closes.
        currentCircuit.SetAwaitingAdmission(true);
        try
        {
            await arrival.WaitForAdmissionAsync();
        }
        finally
        {
            currentCircuit.SetAwaitingAdmission(false);
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        arrival.ConnectionDown();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        arrival.ConnectionUp();
        return Task.CompletedTask;
    }
}
