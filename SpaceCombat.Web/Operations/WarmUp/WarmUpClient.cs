using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>
/// The warm-up's own client identity. Its requests come from loopback, where they would share 127.0.0.1's per-client
/// limits with a local browser, or with every player behind a proxy on the same machine: so they carry a header with
/// a secret made once per process, and the limits count them as the client <see cref="Key"/> instead.
/// </summary>
public static class WarmUpClient
{
    /// <summary>The request header that carries the secret (pages and the hub's WebSocket).</summary>
    public const string HeaderName = "X-SpaceCombat-WarmUp";

    /// <summary>The per-client limits' key for the warm-up's requests.</summary>
    public const string Key = "warm-up";

    private static readonly byte[] SecretBytes = RandomNumberGenerator.GetBytes(32);

    /// <summary>The header's value: known only inside this process, never logged.</summary>
    internal static string Secret { get; } = Convert.ToHexString(SecretBytes);

    /// <summary>Whether <paramref name="context"/> is the warm-up's: from loopback, with this process's secret.</summary>
    public static bool Is(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && context.Request.Headers.TryGetValue(HeaderName, out var values) && values.Count == 1 && values[0] is { Length: 64 } value
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), Encoding.ASCII.GetBytes(Secret));
}
