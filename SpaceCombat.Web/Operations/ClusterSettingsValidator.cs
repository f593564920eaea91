using System.Globalization;
using System.Net;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Rejects cluster settings a node cannot join with: cluster mode needs the battles and the seat keys where every node
/// reads them (Storage = Redis, and the Redis server named).
/// </summary>
public static class ClusterSettingsValidator
{
    private static string Key(string property) => $"{SpaceCombatOptions.SectionName}:{nameof(SpaceCombatOptions.Cluster)}:{property}";

    public static void Validate(SpaceCombatOptions options, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(failures);
        var cluster = options.Cluster;
        if (cluster is null)
        {
            failures.Add($"{SpaceCombatOptions.SectionName}:{nameof(SpaceCombatOptions.Cluster)} must be a section, got nothing");
            return;
        }
        RequirePort(failures, nameof(SpaceCombatOptions.ClusterOptions.SiloPort), cluster.SiloPort);
        RequirePort(failures, nameof(SpaceCombatOptions.ClusterOptions.GatewayPort), cluster.GatewayPort);
        if (!IPAddress.TryParse(cluster.AdvertisedAddress, out _))
        {
            failures.Add($"{Key(nameof(SpaceCombatOptions.ClusterOptions.AdvertisedAddress))} must be an IP address (the one the other nodes reach this one on), got '{cluster.AdvertisedAddress}'");
        }
        if (!cluster.Enabled)
        {
            return;
        }
        if (!options.StoresInRedis)
        {
            failures.Add($"{Key(nameof(SpaceCombatOptions.ClusterOptions.Enabled))} requires {SpaceCombatOptions.SectionName}:{nameof(SpaceCombatOptions.Storage)} = {SpaceCombatOptions.RedisStorage} (every node must read every battle and the seat keys), got '{options.Storage}'");
        }
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            failures.Add($"{Key(nameof(SpaceCombatOptions.ClusterOptions.Enabled))} requires {SpaceCombatOptions.SectionName}:{nameof(SpaceCombatOptions.Redis)}, the Redis server the nodes find each other in, got nothing");
        }
        if (cluster.SiloPort != 0 && cluster.SiloPort == cluster.GatewayPort)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(SpaceCombatOptions.ClusterOptions.SiloPort))} and {Key(nameof(SpaceCombatOptions.ClusterOptions.GatewayPort))} must differ, both are {cluster.SiloPort}"));
        }
    }

    private static void RequirePort(List<string> failures, string property, int port)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(property)} must be a port from 0 (any free port) to {IPEndPoint.MaxPort}, got {port}"));
        }
    }
}
