using System.Net;
using System.Net.Sockets;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// A free loopback port for a silo or gateway set to port 0 (any free port), chosen below every platform's default
/// ephemeral range. A port the system hands out for port 0 is an ephemeral one, and the process's own outgoing
/// connections (or another test's) can take it between this check and Orleans' bind, which then fails with "Address
/// already in use". A port from <see cref="First"/> to <see cref="Last"/> is only taken by something that asks for it
/// by number. Internal, and compiled into SpaceCombat.LoadTest too (a linked file), for the servers it starts and starts
/// again on the same port: two public copies would be two types of one name to a project that references both.
/// </summary>
internal static class LoopbackPorts
{
    /// <summary>The lowest port chosen: above the well-known and most registered service ports.</summary>
    public const int First = 20_000;

    /// <summary>The highest port chosen: below Linux's default ephemeral range (32768–60999; Windows and macOS start at 49152).</summary>
    public const int Last = 32_767;

    private const int Attempts = 64;

    /// <summary>
    /// A port in <see cref="First"/>–<see cref="Last"/> that a listener could bind on loopback just now, other than
    /// <paramref name="except"/> (a port already chosen for another listener of the same process, not yet bound).
    /// </summary>
    public static int Free(int except = 0) => Free(except, Random.Shared, First, Last);

    /// <summary><see cref="Free(int)"/> drawing from <paramref name="first"/>–<paramref name="last"/> (tests narrow it).</summary>
    internal static int Free(int except, Random random, int first, int last)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = random.Next(first, last + 1);
            if (port != except && CanBind(port))
            {
                return port;
            }
        }
        // Every draw was taken (a machine full of listeners): any free port, as the system gives it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
