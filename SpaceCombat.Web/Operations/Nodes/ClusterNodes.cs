using Orleans.Serialization.TypeSystem;
using SpaceCombat.Web.Battles.Grains;

namespace SpaceCombat.Web.Operations.Nodes;

/// <summary>
/// The cluster's nodes as the admin dashboard shows them: the live silos from Orleans' membership, the battles active on
/// each (battle grain activations, counted by each silo), and the name and circuits each node reported to the roll.
/// One node in the single-server default.
/// </summary>
public sealed class ClusterNodes(IGrainFactory grains, ILocalSiloDetails localSilo)
{
    private static readonly string BattleGrainType = RuntimeTypeNameFormatter.Format(typeof(BattleGrain));

    public async Task<IReadOnlyList<NodeSummary>> ListAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var silos = await management.GetDetailedHosts(onlyActive: true);
        var addresses = silos.Select(s => s.SiloAddress).ToArray();
        var activations = await management.GetDetailedGrainStatistics([BattleGrainType], addresses);
        var battles = activations.GroupBy(a => a.SiloAddress).ToDictionary(g => g.Key, g => g.Count());
        var reports = (await grains.GetGrain<INodeRosterGrain>(0).ListAsync()).ToDictionary(r => r.Silo, StringComparer.Ordinal);
        return silos
            .Select(silo =>
            {
                var report = reports.GetValueOrDefault(silo.SiloAddress.ToParsableString());
                return new NodeSummary(report?.NodeId ?? silo.SiloName, silo.SiloAddress.ToString(), battles.GetValueOrDefault(silo.SiloAddress),
                    report?.Circuits, silo.SiloAddress.Equals(localSilo.SiloAddress));
            })
            .OrderBy(node => node.NodeId, StringComparer.Ordinal)
            .ThenBy(node => node.Silo, StringComparer.Ordinal)
            .ToArray();
    }
}
