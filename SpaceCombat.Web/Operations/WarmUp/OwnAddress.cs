using System.Net;

namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>Where the server can reach itself: one of the HTTP addresses it listens on, a wildcard host as loopback.</summary>
public static class OwnAddress
{
    /// <summary>
    /// The base URI of the first plain-HTTP address in <paramref name="listening"/> (as Kestrel reports them, e.g.
    /// <c>http://[::]:8080</c> or <c>http://+:80</c>), its host made loopback when it names every interface; null when
    /// there is none (HTTPS only, or an in-memory test server), since the warm-up does not check certificates.
    /// </summary>
    public static Uri? From(IEnumerable<string> listening)
    {
        foreach (var address in listening)
        {
            // "+" and "*" are not valid URI hosts: stand them in before parsing.
            var parsable = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                continue;
            }
            var host = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
                ? ip.Equals(IPAddress.Any) ? "127.0.0.1" : ip.Equals(IPAddress.IPv6Any) ? "[::1]" : uri.Host
                : uri.Host;
            return new UriBuilder(Uri.UriSchemeHttp, host, uri.Port, "/").Uri;
        }
        return null;
    }
}
