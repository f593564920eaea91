using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SpaceCombat.Gateway;

/// <summary>
/// A request whose node refused the connection (it died: the health probes have not noticed yet) goes to another
/// node instead of answering 502: the node is left out of new choices for a pause, and the request runs through
/// affinity and load balancing again without it. Only requests with no body are retried (a page, a circuit's
/// connection), as a body already read cannot be sent again; the player's cookie is rewritten to the new node.
/// </summary>
public sealed partial class DeadNodeRetry(IDestinationHealthUpdater health, IOptions<GatewayOptions> options, ILogger<DeadNodeRetry> logger)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        while (true)
        {
            await next();
            if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request } || context.Response.HasStarted
                || !HasNoBody(context.Request) || proxy.ProxiedDestination is not { } failed)
            {
                return;
            }
            health.SetPassive(proxy.Route.Cluster!, failed, DestinationHealth.Unhealthy, options.Value.ConnectionFailurePause);
            candidates = candidates.Where(destination => destination != failed).ToArray();
            if (candidates.Count == 0)
            {
                return;
            }
            NodeRefused(logger, failed.DestinationId, context.Request.Path);
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
            proxy.AvailableDestinations = candidates;
            proxy.ProxiedDestination = null;
        }
    }

    private static bool HasNoBody(HttpRequest request) =>
        request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any(value => !string.IsNullOrEmpty(value));

    [LoggerMessage(LogLevel.Warning, "Node {Node} refused a connection for {Path}: left out for a pause, the request goes to another node")]
    private static partial void NodeRefused(ILogger logger, string node, PathString path);
}
