using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Which page origins may open a connection to the Blazor hub: the configured
/// <see cref="SpaceCombatOptions.AllowedOrigins"/>, or when none are configured, the request's own host. A browser
/// always sends <c>Origin</c> on the hub's negotiate POST and WebSocket upgrade, so a page of another site (or a
/// DNS-rebinding page under a configured host list) is recognised by it.
/// </summary>
public sealed class HubOrigins
{
    private readonly Uri[] _allowed;

    public HubOrigins(IOptions<SpaceCombatOptions> options)
    {
        // SpaceCombatOptionsValidator has refused any origin that does not parse.
        _allowed = [.. (options.Value.AllowedOrigins ?? []).Select(origin => TryParseOrigin(origin, out var uri) ? uri : null).OfType<Uri>()];
    }

    /// <summary>True when origins are configured; otherwise only the request's own host is allowed.</summary>
    public bool IsConfigured => _allowed.Length > 0;

    /// <summary>Whether a page of <paramref name="origin"/> (the raw <c>Origin</c> header) may use the hub of a request to <paramref name="requestHost"/>.</summary>
    public bool IsAllowed(string origin, HostString requestHost)
    {
        if (!TryParseOrigin(origin, out var uri))
        {
            // "null" (sandboxed frames, file pages) and anything malformed.
            return false;
        }
        if (_allowed.Length > 0)
        {
            foreach (var allowed in _allowed)
            {
                if (string.Equals(allowed.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(allowed.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
                    && allowed.Port == uri.Port)
                {
                    return true;
                }
            }
            return false;
        }
        if (!requestHost.HasValue)
        {
            return false;
        }
        // The scheme is not compared: behind a TLS-terminating proxy the request is http while the page is https.
        var requestPort = requestHost.Port ?? uri.Port;
        var requestHostName = requestHost.Host.Trim('[', ']');
        return string.Equals(uri.IdnHost.Trim('[', ']'), requestHostName, StringComparison.OrdinalIgnoreCase) && uri.Port == requestPort;
    }

    /// <summary>Parses an origin: http or https, a host, an optional port, and no path, query or fragment.</summary>
    public static bool TryParseOrigin(string? origin, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(origin) || origin.Length > 2048
            || !Uri.TryCreate(origin, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || parsed.AbsolutePath != "/"
            || parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0
            || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }
        uri = parsed;
        return true;
    }
}
