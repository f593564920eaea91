using Microsoft.AspNetCore.SignalR;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// A filter on Blazor's hub: refuses StartCircuit from a client that already holds
/// <see cref="SpaceCombatOptions.CircuitsPerClient"/> circuits (the connection is aborted before any circuit is
/// made), and makes the connection's <see cref="CircuitConnection"/> current for the calls that open or reconnect a
/// circuit, so that the circuit handlers they run can note it and the circuit can later be closed from the server.
/// </summary>
public sealed class CircuitConnectionFilter(ClientLimits limits) : IHubFilter
{
    // Blazor's hub methods (see ../shared/BLAZOR-PROTOCOL.md). A circuit is made by StartCircuit and opened (its
    // handlers run) by the first UpdateRootComponents; ConnectCircuit moves it to a new connection.
    private const string StartCircuit = "StartCircuit";
    private const string UpdateRootComponents = "UpdateRootComponents";
    private const string ConnectCircuit = "ConnectCircuit";

    private static readonly object ConnectionKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var method = invocationContext.HubMethodName;
        if (method is not (StartCircuit or UpdateRootComponents or ConnectCircuit))
        {
            return await next(invocationContext);
        }

        var hub = invocationContext.Context;
        if (hub.Items.TryGetValue(ConnectionKey, out var known) && known is CircuitConnection existing)
        {
            CircuitConnection.Current = existing;
            return await next(invocationContext);
        }

        var client = ClientAddress.KeyOf(hub.GetHttpContext());
        if (method == StartCircuit && !limits.CanOpenCircuit(client))
        {
            limits.CircuitRefused(client);
            hub.Abort();
            return null;
        }

        var connection = new CircuitConnection(hub, client);
        hub.Items[ConnectionKey] = connection;
        if (method == ConnectCircuit && invocationContext.HubMethodArguments is [string secret, ..])
        {
            connection.Secret = secret;
        }
        CircuitConnection.Current = connection;
        var result = await next(invocationContext);
        if (method == StartCircuit && result is string startedSecret)
        {
            connection.Secret = startedSecret;
        }
        return result;
    }
}
