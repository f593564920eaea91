using Microsoft.AspNetCore.SignalR;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// The SignalR connection a circuit runs on, as the hub saw it: the connection itself (to abort it), the circuit's
/// secret id (to terminate the circuit) and the client's address. Made by <see cref="CircuitConnectionFilter"/> for
/// each StartCircuit/ConnectCircuit call and flowed (an async-local) to the circuit handlers that run inside it.
/// </summary>
public sealed class CircuitConnection(HubCallerContext connection, string client)
{
    private static readonly AsyncLocal<CircuitConnection?> CurrentConnection = new();

    /// <summary>The connection whose StartCircuit or ConnectCircuit call is running on this flow, if any.</summary>
    public static CircuitConnection? Current
    {
        get => CurrentConnection.Value;
        internal set => CurrentConnection.Value = value;
    }

    public HubCallerContext Connection { get; } = connection;

    /// <summary>The client address key (see <see cref="ClientAddress"/>).</summary>
    public string Client { get; } = client;

    /// <summary>The circuit's secret id: what the browser's disconnect beacon sends. Null until the hub knows it.</summary>
    public string? Secret { get; internal set; }
}
