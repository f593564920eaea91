using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.SessionAffinity;

namespace SpaceCombat.Gateway;

/// <summary>
/// The proxy's routes and cluster, built from <see cref="GatewayOptions"/>: every path to the nodes, a cookie keeping a
/// player on its node, and the nodes' health probed so a dead node gets no new players within seconds.
/// </summary>
public static class NodeRoutes
{
    public const string ClusterId = "nodes";

    public static RouteConfig[] Routes() =>
    [
        new RouteConfig
        {
            RouteId = "everything",
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "/{**path}" },
            // The nodes see the host the browser asked for: the Blazor hub checks the page's origin against it.
            Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
        },
    ];

    public static ClusterConfig[] Clusters(GatewayOptions options) =>
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            LoadBalancingPolicy = options.LoadBalancing,
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                // A hash of the node's name, not an encrypted one: it stays valid when the gateway restarts.
                Policy = SessionAffinityConstants.Policies.HashCookie,
                // The player's node is gone: another one takes them (and the cookie is rewritten to it).
                FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
                AffinityKeyName = options.AffinityCookie,
                Cookie = new SessionAffinityCookieConfig { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true },
            },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.HealthCheckInterval,
                    Timeout = options.HealthCheckTimeout,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = options.HealthPath,
                },
            },
            Metadata = new Dictionary<string, string>
            {
                [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = options.UnhealthyAfterFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Destinations = options.Nodes.ToDictionary(node => node.Key, node => new DestinationConfig { Address = node.Value }),
        },
    ];
}
