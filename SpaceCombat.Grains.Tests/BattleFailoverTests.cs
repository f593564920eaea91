using System.Text.Json;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Grains.Tests;

/// <summary>
/// Three silos of Orleans' test cluster over one shared journal: the silo holding a battle stops, and the next command
/// brings the battle back on another silo from storage with nothing lost, its deadlines still running.
/// </summary>
public sealed class BattleFailoverTests : IAsyncLifetime
{
    private BattleTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await BattleTestCluster.StartAsync(3, o =>
    {
        o.TurnTimer = TimeSpan.FromSeconds(30);
        o.ReconnectGrace = TimeSpan.FromMinutes(2);
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IBattleRegistry Registry => _cluster.Registry;

    [Fact]
    public async Task When_a_battles_silo_stops_the_next_command_brings_it_back_on_another_silo_with_nothing_lost_and_its_deadline_fires_there()
    {
        var (one, two) = await _cluster.StartPersonBattleAsync();
        await _cluster.PlayTurnsAsync(one, two, 5);
        var before = (await Registry.GetAsync(one.BattleId, Side.One))!;
        var logbookBefore = (await Registry.GetRecordAsync(one.BattleId))!.Entries;
        var home = (await _cluster.HostOfAsync(one.BattleId))!;
        _cluster.Time.Advance(TimeSpan.FromSeconds(10));

        await _cluster.Cluster.StopSiloAsync(home);

        var active = before.Snapshot!.ActiveSide!.Value;
        var reply = await Registry.ExecuteAsync(one.BattleId, active == Side.One ? one.Token : two.Token, new FireLasers(active, 0));
        Assert.True(reply.Accepted, reply.Message);
        var newHome = await _cluster.HostOfAsync(one.BattleId);
        Assert.NotNull(newHome);
        Assert.NotEqual(home.SiloAddress, newHome.SiloAddress);
        Assert.Contains(newHome, _cluster.Cluster.GetActiveSilos());

        // Nothing lost: the logbook is the one before the stop plus the new command; the seats are the same.
        var logbookAfter = (await Registry.GetRecordAsync(one.BattleId))!.Entries;
        Assert.Equal(logbookBefore.Count + 1, logbookAfter.Count);
        Assert.Equal(logbookBefore.Select(e => JsonSerializer.Serialize(e, BattleJson.Options)),
            logbookAfter.Take(logbookBefore.Count).Select(e => JsonSerializer.Serialize(e, BattleJson.Options)));
        Assert.IsType<FireLasers>(logbookAfter[^1].Command);
        var after = (await Registry.GetAsync(one.BattleId, Side.One))!;
        Assert.Equal(before.Log.Select(BattleJson.WriteEvent), after.Log.Take(before.Log.Count).Select(BattleJson.WriteEvent));
        Assert.Equal(before.Snapshot.TurnNumber, after.Snapshot!.TurnNumber);
        Assert.Equal(Side.One, await Registry.SeatForAsync(one.BattleId, one.Token));
        Assert.Equal(Side.Two, await Registry.SeatForAsync(one.BattleId, two.Token));

        // The turn's deadline was set on the old silo; the new one runs it out at the same moment.
        Assert.Equal(before.TurnDeadline, after.TurnDeadline);
        _cluster.Time.Advance(before.TurnDeadline!.Value - _cluster.Time.GetUtcNow() - TimeSpan.FromTicks(1));
        Assert.Equal(before.Snapshot.TurnNumber, (await Registry.GetAsync(one.BattleId))!.Snapshot!.TurnNumber);
        _cluster.Time.Advance(TimeSpan.FromTicks(1));
        var expired = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(before.Snapshot.TurnNumber + 1, expired.Snapshot!.TurnNumber);
        Assert.Equal(TurnEndReason.TimerExpired, expired.Log.OfType<TurnEnded>().Last().Reason);
        Assert.Equal(newHome.SiloAddress, (await _cluster.HostOfAsync(one.BattleId))!.SiloAddress);
    }
}
