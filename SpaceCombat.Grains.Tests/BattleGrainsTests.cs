using Orleans.Runtime;
using SpaceCombat.Web.Battles.Grains;

namespace SpaceCombat.Grains.Tests;

/// <summary>A battle grain reference made from the types resolved once is the one Orleans' own lookup makes, and works.</summary>
public sealed class BattleGrainsTests : IAsyncLifetime
{
    private BattleTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await BattleTestCluster.StartAsync(1, _ => { });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_reference_by_code_is_the_grain_factorys_reference_and_reaches_the_battle()
    {
        var battles = new BattleGrains(_cluster.Grains);
        var (one, _) = await _cluster.StartPersonBattleAsync();

        var made = (GrainReference)(object)battles.Get(one.BattleId);
        var looked = (GrainReference)(object)_cluster.Grains.GetGrain<IBattleGrain>(one.BattleId);

        Assert.Equal(looked.GrainId, made.GrainId);
        Assert.Equal(looked.InterfaceType, made.InterfaceType);
        Assert.NotEqual(made.GrainId, ((GrainReference)(object)battles.Get("ZZZZZZ")).GrainId);
        Assert.Equal(one.BattleId, (await battles.Get(one.BattleId).SummariseAsync())?.Id);
    }
}
