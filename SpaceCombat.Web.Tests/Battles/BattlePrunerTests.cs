using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Tests.Operations;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Cluster;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class BattlePrunerTests
{
    /// <summary>Counts the pruner's calls and tells the test about each one, so no test waits on the clock.</summary>
    private sealed class PruneCountingRegistry : UnusedBattleRegistry
    {
        public Channel<DateTimeOffset> Calls { get; } = Channel.CreateUnbounded<DateTimeOffset>();
        public required TimeProvider Time { get; init; }

        public override Task<int> PruneInactiveAsync(CancellationToken cancellationToken = default)
        {
            Calls.Writer.TryWrite(Time.GetUtcNow());
            return Task.FromResult(0);
        }
    }

    [Fact]
    public async Task Checks_for_inactive_battles_every_combat_check_interval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var registry = new PruneCountingRegistry { Time = time };
        var options = OperationsTestOptions.Create(o => o.CombatCheckInterval = TimeSpan.FromSeconds(60));
        using var pruner = new BattlePruner(registry, ClusterSeniority.Alone, time, options, NullLogger<BattlePruner>.Instance);
        await pruner.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(registry.Calls.Reader.TryRead(out _));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(start.AddSeconds(60), await registry.Calls.Reader.ReadAsync());

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(start.AddSeconds(120), await registry.Calls.Reader.ReadAsync());

        await pruner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_node_that_is_not_the_clusters_senior_keeps_the_schedule_but_leaves_the_pass_to_the_senior()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var registry = new PruneCountingRegistry { Time = time };
        var options = OperationsTestOptions.Create(o => o.CombatCheckInterval = TimeSpan.FromSeconds(60));
        var senior = false;
        var asked = Channel.CreateUnbounded<DateTimeOffset>();
        var seniority = new ClusterSeniority(() =>
        {
            asked.Writer.TryWrite(time.GetUtcNow());
            return senior;
        });
        using var pruner = new BattlePruner(registry, seniority, time, options, NullLogger<BattlePruner>.Instance);
        await pruner.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(start.AddSeconds(60), await asked.Reader.ReadAsync());
        Assert.False(registry.Calls.Reader.TryRead(out _));

        senior = true; // the senior node died: this one is now the oldest
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(start.AddSeconds(120), await registry.Calls.Reader.ReadAsync());
        await pruner.StopAsync(CancellationToken.None);
    }
}
