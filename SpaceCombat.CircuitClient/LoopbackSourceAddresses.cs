using System.Net;

namespace SpaceCombat.CircuitClient;

/// <summary>Where the simulated players connect from.</summary>
public enum SourceAddressMode
{
    /// <summary>Each player from its own loopback address, as real players each come from their own address.</summary>
    LoopbackPerPlayer,

    /// <summary>Every player from the machine's one loopback address: the server sees a single client.</summary>
    Single,
}

/// <summary>
/// The loopback source address of the n-th simulated player: 127.1.0.1, 127.1.0.2, … 127.1.0.254, 127.1.1.1, …
/// The whole of 127.0.0.0/8 is loopback on Linux, so a socket bound to any of these reaches a server on 127.0.0.1 with
/// no set-up, and the server counts each player as its own client (per-client limits apply per player, not to the
/// whole generator). The second octet starts at 1, so no player ever shares the server's 127.0.0.1.
/// </summary>
public static class LoopbackSourceAddresses
{
    private const int HostsPerBlock = 254;
    private const long Capacity = 254L * 256 * HostsPerBlock;

    public static IPAddress For(long player)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(player);
        var n = player % Capacity;
        var host = (byte)(1 + n % HostsPerBlock);
        var third = (byte)(n / HostsPerBlock % 256);
        var second = (byte)(1 + n / (HostsPerBlock * 256));
        return new IPAddress([127, second, third, host]);
    }
}
