using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Captures the remote address of the circuit's connection when the circuit opens (the SignalR connection's
/// HttpContext is current then), for <see cref="AdminAccess"/>'s loopback rule. Scoped: one per circuit.
/// </summary>
public sealed class AdminAccessCircuitHandler(AdminAccess access, IHttpContextAccessor httpContextAccessor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        access.SetRemoteAddress(httpContextAccessor.HttpContext?.Connection.RemoteIpAddress);
        return Task.CompletedTask;
    }
}
