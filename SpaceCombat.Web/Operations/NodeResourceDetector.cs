using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Names this node to OpenTelemetry: <c>service.instance.id</c> is the <c>Cluster:NodeId</c> setting, so the figures
/// of several nodes scraped into one Prometheus stay apart (each series carries it as a label, see <see cref="IsNodeLabel"/>).
/// </summary>
public sealed class NodeResourceDetector(IOptions<SpaceCombatOptions> options) : IResourceDetector
{
    public const string ServiceName = "SpaceCombat";

    /// <summary>The OpenTelemetry attribute that names a service's instance; on /metrics the label <c>service_instance_id</c>.</summary>
    public const string NodeAttribute = "service.instance.id";

    public Resource Detect() => new([
        new KeyValuePair<string, object>("service.name", ServiceName),
        new KeyValuePair<string, object>(NodeAttribute, options.Value.Cluster.NodeId),
    ]);

    /// <summary>The resource attributes put on every series of /metrics: the node's name only.</summary>
    public static bool IsNodeLabel(string attribute) => attribute == NodeAttribute;
}
