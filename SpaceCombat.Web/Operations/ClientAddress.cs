using Serilog.Context;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// The client address as logs name it: the property <see cref="LogProperty"/>, which <see cref="ClientLogSampler"/>
/// samples by. Every request's log events carry it (pushed on Serilog's log context), including those the Blazor hub
/// and circuits write while serving that client's connection.
/// </summary>
public static class ClientAddress
{
    public const string LogProperty = "ClientAddress";

    /// <summary>The connection's remote address (the forwarded one once forwarded headers are processed), IPv4 unmapped.</summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>The key of connections whose address is not known (in-process test servers).</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// The address a per-client limit is keyed on: IPv4-mapped addresses as IPv4, and an IPv6 address as its /64
    /// network, which one client commonly holds whole.
    /// </summary>
    public static string KeyOf(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !System.Net.IPAddress.IsLoopback(address))
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new System.Net.IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    /// <summary>
    /// The limit key of a request's (or a hub connection's) client: its address's, or the start-up warm-up's own
    /// (<see cref="WarmUp.WarmUpClient"/>), so that practice battles never use up a real client's allowance.
    /// </summary>
    public static string KeyOf(HttpContext? context) =>
        context is not null && WarmUp.WarmUpClient.Is(context) ? WarmUp.WarmUpClient.Key : KeyOf(context?.Connection.RemoteIpAddress);

    /// <summary>Puts the client address on every log event written while the rest of the pipeline handles the request.</summary>
    public static IApplicationBuilder UseClientAddressLogContext(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        using (LogContext.PushProperty(LogProperty, Of(context)))
        {
            await next(context);
        }
    });
}
