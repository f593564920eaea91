namespace SpaceCombat.Gateway;

/// <summary>
/// Settings of the gateway (section <c>Gateway</c>, env-overridable as <c>Gateway__Nodes__node1=http://…</c>, or on
/// the command line as <c>--Gateway:Nodes:node1=http://…</c>).
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The SpaceCombat nodes behind the gateway: a name (sent back in <see cref="NodeHeader"/>) and its base URL.</summary>
    public Dictionary<string, string> Nodes { get; set; } = [];

    /// <summary>How often each node's <see cref="HealthPath"/> is asked.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a health probe may take before it counts as a failure.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed probes in a row after which a node gets no new players.</summary>
    public int UnhealthyAfterFailures { get; set; } = 2;

    /// <summary>How long a node that refused a connection is left out before it is tried for new players again.</summary>
    public TimeSpan ConnectionFailurePause { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The nodes' liveness endpoint.</summary>
    public string HealthPath { get; set; } = "/health";

    /// <summary>
    /// How a new player's node is chosen (a YARP load-balancing policy): <c>LeastRequests</c> counts open requests, and a
    /// page's circuit is one long request, so it puts each new player on the node with the fewest.
    /// </summary>
    public string LoadBalancing { get; set; } = "LeastRequests";

    /// <summary>The cookie that keeps a player's requests (its page, its circuit) on one node.</summary>
    public string AffinityCookie { get; set; } = ".SpaceCombat.Node";

    /// <summary>The response header naming the node that answered (empty: none), for operators and tests.</summary>
    public string NodeHeader { get; set; } = "X-SpaceCombat-Node";
}
