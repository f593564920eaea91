using System.Net;
using Orleans.Configuration;
using SpaceCombat.Web.Operations;
using StackExchange.Redis;

namespace SpaceCombat.Web.Battles.Cluster;

/// <summary>
/// Cluster mode: this server's silo joins the others listed in Redis. A battle grain then lives on one of the nodes
/// (Orleans keeps one activation of it in the cluster) and is read back from the shared journal wherever it is next
/// called after its node stopped or died.
/// </summary>
public static class BattleCluster
{
    /// <summary>The cluster's and the service's name in Redis: every node of one deployment shares them.</summary>
    public const string ClusterId = "spacecombat";

    public static ISiloBuilder JoinBattleCluster(this ISiloBuilder silo, SpaceCombatOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        var cluster = options.Cluster;
        // Validation stops the host with a clear message when the connection string is missing; parsing it here would
        // only throw a less helpful one first.
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
        }
        silo.Configure<ClusterOptions>(names =>
        {
            names.ClusterId = ClusterId;
            names.ServiceId = ClusterId;
        });
        silo.Configure<SiloOptions>(node => node.SiloName = cluster.NodeId);
        var address = IPAddress.TryParse(cluster.AdvertisedAddress, out var parsed) ? parsed : IPAddress.Loopback;
        var siloPort = cluster.SiloPort == 0 ? LoopbackPorts.Free() : cluster.SiloPort;
        var gatewayPort = cluster.GatewayPort == 0 ? LoopbackPorts.Free(except: siloPort) : cluster.GatewayPort;
        silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: false);
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            // A node that dies mid-battle leaves its battles unreachable until the others declare it dead: probe every
            // second or two rather than every five, so its players are back within seconds, not half a minute.
            membership.ProbeTimeout = TimeSpan.FromSeconds(2);
            // Refreshing the table also picks up deaths another node declared (gossip usually tells sooner).
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        });
        return silo;
    }
}
