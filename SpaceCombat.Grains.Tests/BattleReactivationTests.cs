using System.Text.Json;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Grains.Tests;

/// <summary>
/// One silo of Orleans' test cluster: a battle's grain deactivated (an operator's management call) comes back from the
/// journal on the next call with the same state, seats and logbook, and its pending turn deadline re-armed.
/// </summary>
public sealed class BattleReactivationTests : IAsyncLifetime
{
    private BattleTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await BattleTestCluster.StartAsync(1, o =>
    {
        o.TurnTimer = TimeSpan.FromSeconds(30);
        o.ReconnectGrace = TimeSpan.FromMinutes(2);
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IBattleRegistry Registry => _cluster.Registry;

    [Fact]
    public async Task A_deactivated_battle_comes_back_from_the_journal_with_its_state_seats_and_log_and_plays_on()
    {
        var (one, two) = await _cluster.StartPersonBattleAsync();
        await _cluster.PlayTurnsAsync(one, two, 5);
        var before = (await Registry.GetAsync(one.BattleId, Side.One))!;
        var entriesBefore = (await _cluster.Journal.ReadAsync(one.BattleId))!.Entries.Count;

        await _cluster.DeactivateAsync(one.BattleId);
        Assert.False(_cluster.IsActive(one.BattleId));

        var after = (await Registry.GetAsync(one.BattleId, Side.One))!;
        Assert.True(_cluster.IsActive(one.BattleId));
        Assert.Equal(BattlePhase.InProgress, after.Phase);
        Assert.Equal(JsonSerializer.Serialize(before.Snapshot, BattleJson.Options), JsonSerializer.Serialize(after.Snapshot, BattleJson.Options));
        Assert.Equal(before.Log.Select(BattleJson.WriteEvent), after.Log.Select(BattleJson.WriteEvent));
        Assert.Equal(before.TurnDeadline, after.TurnDeadline);
        Assert.Equal(Side.One, await Registry.SeatForAsync(one.BattleId, one.Token));
        Assert.Equal(Side.Two, await Registry.SeatForAsync(one.BattleId, two.Token));
        Assert.Equal(entriesBefore, (await _cluster.Journal.ReadAsync(one.BattleId))!.Entries.Count);

        var next = after.Snapshot!.ActiveSide!.Value;
        var reply = await Registry.ExecuteAsync(one.BattleId, next == Side.One ? one.Token : two.Token, new EndTurn(next));
        Assert.True(reply.Accepted, reply.Message);
        Assert.Equal(after.Snapshot.TurnNumber + 1, reply.View!.Snapshot!.TurnNumber);
    }

    [Fact]
    public async Task A_pending_turn_deadline_is_re_armed_on_reactivation_and_runs_out_at_the_same_moment()
    {
        var (one, _) = await _cluster.StartPersonBattleAsync();
        var start = (await Registry.GetAsync(one.BattleId))!;
        _cluster.Time.Advance(TimeSpan.FromSeconds(10));

        await _cluster.DeactivateAsync(one.BattleId);

        var back = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(start.TurnDeadline, back.TurnDeadline);
        _cluster.Time.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        Assert.Equal(start.Snapshot!.TurnNumber, (await Registry.GetAsync(one.BattleId))!.Snapshot!.TurnNumber);
        _cluster.Time.Advance(TimeSpan.FromTicks(1));
        var after = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(start.Snapshot.TurnNumber + 1, after.Snapshot!.TurnNumber);
        Assert.Equal(TurnEndReason.TimerExpired, Assert.Single(after.Log.OfType<TurnEnded>()).Reason);
    }
}
