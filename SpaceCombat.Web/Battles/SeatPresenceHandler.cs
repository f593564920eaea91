using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SpaceCombat.Web.Battles;

/// <summary>Tells the circuit's <see cref="CombatSession"/> when the browser's connection drops or returns, so its seat's grace period runs.</summary>
public sealed class SeatPresenceHandler(CombatSession session) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => session.ConnectionChangedAsync(false);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => session.ConnectionChangedAsync(true);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        session.Detach();
        return Task.CompletedTask;
    }
}
