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

    /// <summary>Puts the client address on every log event written while the rest of the pipeline handles the request.</summary>
    public static IApplicationBuilder UseClientAddressLogContext(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        using (LogContext.PushProperty(LogProperty, Of(context)))
        {
            await next(context);
        }
    });
}
