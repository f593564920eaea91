using System.Text;
using Microsoft.AspNetCore.Routing;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Ends circuits from the server: terminates the circuit (disposed now, its memory freed, counted out of every
/// circuit metric) and aborts its SignalR connection. Blazor has no public server-side API to end a circuit; its
/// public way is the browser's disconnect beacon (<c>POST _blazor/disconnect</c> with the circuit's secret id),
/// so the server hands that same request to Blazor's own disconnect endpoint, in process. The connection is aborted
/// as well, so a client that ignores everything is cut all the same.
/// </summary>
public sealed partial class CircuitTerminator(IServiceProvider services, ILogger<CircuitTerminator> logger)
{
    // The route of Blazor's disconnect endpoint (mapped by AddInteractiveServerRenderMode under the hub's path): what
    // the browser's beacon posts to.
    private const string DisconnectRoute = "/_blazor/disconnect";

    private RequestDelegate? _disconnect;

    /// <summary>Aborts the circuit's connection, then terminates the circuit. Never throws.</summary>
    public async Task CloseAsync(CircuitConnection connection, string circuitId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // The connection first: the client is cut at once, whatever the disposal of the circuit then takes.
        connection.Connection.Abort();
        try
        {
            if (connection.Secret is { } secret && FindDisconnectEndpoint() is { } disconnect)
            {
                var context = new DefaultHttpContext { RequestServices = services };
                var body = Encoding.ASCII.GetBytes("circuitId=" + Uri.EscapeDataString(secret));
                context.Request.Method = HttpMethods.Post;
                context.Request.ContentType = "application/x-www-form-urlencoded";
                context.Request.ContentLength = body.Length;
                context.Request.Body = new MemoryStream(body);
                context.Response.Body = Stream.Null;
                await disconnect(context);
                if (context.Response.StatusCode != StatusCodes.Status200OK)
                {
                    LogTerminateRefused(logger, circuitId, context.Response.StatusCode);
                }
            }
            else
            {
                LogNoSecret(logger, circuitId);
            }
        }
        catch (Exception exception)
        {
            LogTerminateFailed(logger, circuitId, exception);
        }
    }

    // Looked up on first use: the endpoints exist once the app is built and mapped (none in a component test).
    private RequestDelegate? FindDisconnectEndpoint() => _disconnect ??= services.GetService<EndpointDataSource>()?.Endpoints
        .OfType<RouteEndpoint>()
        .FirstOrDefault(endpoint => endpoint.RoutePattern.RawText?.TrimEnd('/') == DisconnectRoute)?.RequestDelegate;

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Circuit {CircuitId}: Blazor refused to terminate it (status {Status}); its connection was aborted")]
    private static partial void LogTerminateRefused(ILogger logger, string circuitId, int status);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Circuit {CircuitId}: its secret id or Blazor's disconnect endpoint is unknown; only its connection was aborted")]
    private static partial void LogNoSecret(ILogger logger, string circuitId);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Error, Message = "Circuit {CircuitId}: terminating it failed; its connection was aborted")]
    private static partial void LogTerminateFailed(ILogger logger, string circuitId, Exception exception);
}
