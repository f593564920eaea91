using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Operations.Nodes;

namespace SpaceCombat.Grains.Tests;

/// <summary>The admin dashboard's node list on a three-silo cluster: every silo, the battles active on it, the circuits it reported.</summary>
public sealed class ClusterNodesTests : IAsyncLifetime
{
    private BattleTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await BattleTestCluster.StartAsync(3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_node_list_shows_the_three_silos_with_the_battles_each_holds_and_the_circuits_each_reported()
    {
        var battles = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            var (grant, problem) = await _cluster.Registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Short));
            Assert.Null(problem);
            battles.Add(grant!.BattleId);
        }
        var expected = new Dictionary<string, int>();
        foreach (var battle in battles)
        {
            var node = BattleTestCluster.NodeName((await _cluster.HostOfAsync(battle))!.Name);
            expected[node] = expected.GetValueOrDefault(node) + 1;
        }
        var second = _cluster.Cluster.Silos[1];
        for (var i = 0; i < 2; i++)
        {
            second.ServiceProvider.GetRequiredService<SpaceCombatMetrics>().ConnectionOpened();
        }
        foreach (var silo in _cluster.Cluster.Silos)
        {
            await silo.ServiceProvider.GetRequiredService<NodeReporter>().ReportAsync();
        }

        var nodes = await Nodes(_cluster.Cluster.Silos[0]).ListAsync();

        Assert.Equal(["node-0", "node-1", "node-2"], nodes.Select(n => n.NodeId));
        Assert.Equal(_cluster.Cluster.Silos.Select(s => s.SiloAddress.ToString()).Order(), nodes.Select(n => n.Silo).Order());
        Assert.All(nodes, node => Assert.Equal(expected.GetValueOrDefault(node.NodeId), node.Battles));
        Assert.Equal(9, nodes.Sum(n => n.Battles));
        Assert.Equal([0L, 2L, 0L], nodes.Select(n => n.Circuits!.Value));
        Assert.Equal([true, false, false], nodes.Select(n => n.IsThisNode));
        // Each battle in the (cluster-wide) live list names the node holding it.
        var listed = await _cluster.Registry.ListAsync();
        Assert.Equal(battles.Order(), listed.Select(b => b.Id).Order());
        foreach (var battle in listed)
        {
            Assert.Equal(BattleTestCluster.NodeName((await _cluster.HostOfAsync(battle.Id))!.Name), battle.Node);
        }
    }

    private static ClusterNodes Nodes(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<ClusterNodes>();
}
