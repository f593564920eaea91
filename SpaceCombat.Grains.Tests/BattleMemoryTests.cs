using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Cluster;
using SpaceCombat.Web.Battles.Grains;

namespace SpaceCombat.Grains.Tests;

/// <summary>
/// An ended battle leaves memory once nobody watches it (no observer, no seat held) and comes back from the journal,
/// the same, on the next call; a watched one stays until its watcher leaves or stops renewing. The pruning pass calls
/// only the battles the journal finds inactive, and the admin list and the revival only those in play: they bring no
/// other into memory.
/// </summary>
public sealed class BattleMemoryTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private BattleTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await BattleTestCluster.StartAsync(1, o =>
    {
        o.TurnTimer = TimeSpan.FromHours(1);
        o.ReconnectGrace = TimeSpan.FromHours(1);
        o.PresenceLease = Lease;
        o.CombatInactiveTimeout = TimeSpan.FromMinutes(5);
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IBattleRegistry Registry => _cluster.Registry;

    private async Task<(SeatGrant One, SeatGrant Two)> EndedBattleAsync()
    {
        var (one, two) = await _cluster.StartPersonBattleAsync();
        await _cluster.PlayTurnsAsync(one, two, 2);
        var surrendered = await Registry.ExecuteAsync(one.BattleId, one.Token, new Surrender(Side.One));
        Assert.True(surrendered.Accepted, surrendered.Message);
        Assert.Equal(BattlePhase.Over, surrendered.View!.Phase);
        return (one, two);
    }

    /// <summary>Lets the linger after the last call pass (unless none is due), and waits until Orleans has taken the activation away.</summary>
    private async Task LeavesMemoryAsync(string battleId, bool lingers = true)
    {
        var deactivated = _cluster.Cluster.WaitForDeactivationAsync(_cluster.Battle(battleId).GetGrainId());
        // Orleans does not order one caller's messages: the last call (an unsubscription sent one-way) may reach the
        // battle after the clock moved, arming its linger from there, so the clock moves on until the battle has left.
        for (var step = 0; lingers && step < 40 && !deactivated.IsCompleted; step++)
        {
            _cluster.Time.Advance(BattleGrain.UnwatchedLinger);
            await Task.WhenAny(deactivated, Task.Delay(TimeSpan.FromMilliseconds(250)));
        }
        await deactivated.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(_cluster.IsActive(battleId));
    }

    /// <summary>Advances the clock in steps (each ringing the alarms due), asking the battle nothing meanwhile.</summary>
    private async Task WaitOnClockAsync(TimeSpan span)
    {
        for (var passed = TimeSpan.Zero; passed < span; passed += TimeSpan.FromSeconds(1))
        {
            _cluster.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
    }

    /// <summary>
    /// Whether the battle is still the activation that gave <paramref name="seen"/>: an activation numbers its versions
    /// from the clock when it starts, so one brought back from the journal since (the clock has moved) gives another.
    /// The look-up is a call, queued behind any alarm that rang.
    /// </summary>
    private async Task<bool> StillInMemoryAsync(BattleView seen) => (await Registry.GetAsync(seen.Id))!.Version == seen.Version;

    [Fact]
    public async Task An_ended_battle_nobody_watches_leaves_memory_and_comes_back_the_same_on_the_next_look_up()
    {
        var (one, _) = await EndedBattleAsync();
        var before = (await Registry.GetAsync(one.BattleId, Side.One))!;
        await WaitOnClockAsync(BattleGrain.UnwatchedLinger - TimeSpan.FromSeconds(1));
        Assert.True(await StillInMemoryAsync(before));

        await LeavesMemoryAsync(one.BattleId);

        var after = (await Registry.GetAsync(one.BattleId, Side.One))!;
        Assert.True(_cluster.IsActive(one.BattleId));
        Assert.Equal(BattlePhase.Over, after.Phase);
        Assert.Equal(before.Outcome, after.Outcome);
        Assert.Equal(JsonSerializer.Serialize(before.Snapshot, BattleJson.Options), JsonSerializer.Serialize(after.Snapshot, BattleJson.Options));
        Assert.Equal(before.Log.Select(BattleJson.WriteEvent), after.Log.Select(BattleJson.WriteEvent));
        Assert.Equal(before.LastActivity, after.LastActivity);
        Assert.Equal(Side.One, await Registry.SeatForAsync(one.BattleId, one.Token));
        Assert.NotNull(await Registry.GetRecordAsync(one.BattleId));
        Assert.Contains(one.BattleId, await _cluster.Journal.CodesAsync());

        // Brought back by a look-up, it leaves again once that look-up is done.
        await LeavesMemoryAsync(one.BattleId);
    }

    [Fact]
    public async Task A_watched_ended_battle_stays_until_its_watcher_leaves()
    {
        var (one, _) = await EndedBattleAsync();
        var subscription = await Registry.SubscribeAsync(one.BattleId, Side.One, _ => { });
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        var seen = (await Registry.GetAsync(one.BattleId))!;

        // Its page renews its lease and subscription (the feed's schedule, not running here, is called by hand).
        for (var minute = 0; minute < 3; minute++)
        {
            await WaitOnClockAsync(Lease / 3);
            await _cluster.Feed.RenewAsync();
        }
        Assert.True(await StillInMemoryAsync(seen));

        // Its circuit leaves the seat but still shows the result.
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: false);
        await WaitOnClockAsync(BattleGrain.UnwatchedLinger * 2);
        Assert.True(await StillInMemoryAsync(seen));

        subscription!.Dispose();
        // A look-up after it (queued behind the unsubscription) is the last call the linger counts from.
        Assert.True(await StillInMemoryAsync(seen));
        await LeavesMemoryAsync(one.BattleId);
    }

    [Fact]
    public async Task An_ended_battle_notices_a_watcher_whose_subscription_and_lease_ran_out_though_it_no_longer_changes()
    {
        var (one, _) = await EndedBattleAsync();
        // A web server that subscribed and held the seat, then died: it renews nothing.
        await Registry.SubscribeAsync(one.BattleId, null, _ => { });
        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: true);
        var seen = (await Registry.GetAsync(one.BattleId))!;
        await WaitOnClockAsync(Lease - TimeSpan.FromSeconds(2));
        Assert.True(await StillInMemoryAsync(seen));

        // Its lease and subscription run out together, and no page of that server is coming: it leaves at once.
        await WaitOnClockAsync(TimeSpan.FromSeconds(2));
        await LeavesMemoryAsync(one.BattleId, lingers: false);
    }

    [Fact]
    public async Task A_rematch_is_offered_by_an_ended_battle_that_left_memory_and_both_seats_get_the_same_one()
    {
        var (one, two) = await EndedBattleAsync();
        await LeavesMemoryAsync(one.BattleId);

        var (rematchId, tokenOne) = await Registry.RematchAsync(one.BattleId, one.Token);
        Assert.NotNull(rematchId);
        Assert.NotNull(tokenOne);
        await LeavesMemoryAsync(one.BattleId);

        var (sameId, tokenTwo) = await Registry.RematchAsync(one.BattleId, two.Token);
        Assert.Equal(rematchId, sameId);
        Assert.NotNull(tokenTwo);
        Assert.Equal(rematchId, (await Registry.GetAsync(one.BattleId))!.RematchId);
        Assert.Equal(Side.One, await Registry.SeatForAsync(rematchId!, tokenOne));
        Assert.Equal(Side.Two, await Registry.SeatForAsync(rematchId!, tokenTwo));
        Assert.Equal(BattlePhase.InProgress, (await Registry.GetAsync(rematchId!))!.Phase);
    }

    [Fact]
    public async Task Listing_the_battles_shows_an_ended_battle_that_left_memory_with_its_result_without_bringing_it_back()
    {
        var (ended, _) = await EndedBattleAsync();
        var result = (await Registry.GetAsync(ended.BattleId))!.Outcome;
        await LeavesMemoryAsync(ended.BattleId);
        var (playing, _) = await _cluster.StartPersonBattleAsync();
        await _cluster.DeactivateAsync(playing.BattleId);

        var listed = await Registry.ListAsync();

        Assert.False(_cluster.IsActive(ended.BattleId));
        var over = Assert.Single(listed, b => b.Id == ended.BattleId);
        Assert.Equal(BattlePhase.Over, over.Phase);
        Assert.Equal(new BattleOutcome(Side.Two, BattleEndReason.Surrendered, result!.Rounds), over.Outcome);
        Assert.Equal("mercenary_cruiser vs free_trader", $"{over.ShipOne} vs {over.ShipTwo}");
        Assert.Null(over.Node);
        // The battle in play is asked, wherever it is (here: brought back).
        Assert.True(_cluster.IsActive(playing.BattleId));
        Assert.Equal(BattlePhase.InProgress, Assert.Single(listed, b => b.Id == playing.BattleId).Phase);
    }

    [Fact]
    public async Task Revival_brings_back_the_battles_in_play_and_leaves_an_ended_one_in_the_journal()
    {
        var (ended, _) = await EndedBattleAsync();
        await LeavesMemoryAsync(ended.BattleId);
        var (playing, _) = await _cluster.StartPersonBattleAsync();
        await _cluster.DeactivateAsync(playing.BattleId);

        using var revival = new BattleRevival(Registry, ClusterSeniority.Alone, new StartedLifetime(), NullLogger<BattleRevival>.Instance);
        await revival.StartAsync(CancellationToken.None);
        await revival.ExecuteTask!;

        Assert.True(_cluster.IsActive(playing.BattleId));
        Assert.False(_cluster.IsActive(ended.BattleId));
        Assert.Equal(1, await Registry.BringBackAsync());
    }

    private sealed class StartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }

    [Fact]
    public async Task The_pruning_pass_calls_only_the_battles_inactive_for_the_timeout()
    {
        var (idle, _) = await _cluster.StartPersonBattleAsync();
        _cluster.Time.Advance(TimeSpan.FromMinutes(4));
        var (busy, _) = await _cluster.StartPersonBattleAsync();
        _cluster.Time.Advance(TimeSpan.FromMinutes(1));
        // Both out of memory (an operator's call), as a battle whose node restarted and nobody has visited since.
        await _cluster.DeactivateAsync(idle.BattleId);
        await _cluster.DeactivateAsync(busy.BattleId);

        Assert.Equal(1, await Registry.PruneInactiveAsync());

        Assert.False(_cluster.IsActive(busy.BattleId));
        Assert.Equal([busy.BattleId], await _cluster.Journal.CodesAsync());
        Assert.True((await _cluster.Journal.ReadAsync(idle.BattleId))?.IsRetained ?? true);
        Assert.Equal(BattlePhase.InProgress, (await Registry.GetAsync(busy.BattleId))!.Phase);
    }
}
