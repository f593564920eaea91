using Microsoft.AspNetCore.SignalR.Protocol;

namespace SpaceCombat.CircuitClient;

/// <summary>
/// Blazor's hub accepts only the "blazorpack" protocol, which is the standard SignalR MessagePack protocol under
/// another name (protocol doc §1). The interface's Name is re-implemented so the handshake says "blazorpack".
/// </summary>
public sealed class BlazorPackHubProtocol : MessagePackHubProtocol, IHubProtocol
{
    string IHubProtocol.Name => "blazorpack";
}
