using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Cluster;
using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// Battles as grains over the journal: a silo stopped and another started on the same SQLite file (what a crash
/// leaves, as grains write nothing when they stop) brings every battle back with its seats, log and clocks.
/// </summary>
public sealed class BattleDurabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("spacecombat-durability-").FullName;
    private SqliteBattleJournal _journal;
    private readonly BattleTestHost _host;

    public BattleDurabilityTests()
    {
        _journal = new SqliteBattleJournal(DatabasePath);
        _host = new BattleTestHost(o =>
        {
            o.TurnTimer = TimeSpan.FromSeconds(30);
            o.ReconnectGrace = TimeSpan.FromMinutes(2);
        }, journal: _journal);
    }

    private string DatabasePath => Path.Combine(_folder, SqliteBattleJournal.FileName);

    private IBattleRegistry Registry => _host.Registry;

    public void Dispose()
    {
        _host.Dispose();
        _journal.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Stops the silo, reopens the database file, and starts a new silo on it.</summary>
    private void Crash()
    {
        _journal.Dispose();
        _journal = new SqliteBattleJournal(DatabasePath);
        _host.Restart(_journal);
    }

    [Fact]
    public async Task A_battle_half_played_comes_back_after_a_restart_with_its_seats_log_and_state_and_plays_on()
    {
        var (one, two) = await _host.StartPersonBattleAsync("mercenary_cruiser", "free_trader", RangeBand.Short);
        for (var i = 0; i < 7; i++)
        {
            var active = (await Registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide!.Value;
            var token = active == Side.One ? one.Token : two.Token;
            await Registry.ExecuteAsync(one.BattleId, token, new FireLasers(active, 0));
            Assert.True((await Registry.ExecuteAsync(one.BattleId, token, new EndTurn(active))).Accepted);
        }
        var before = (await Registry.GetAsync(one.BattleId, Side.One))!;

        Crash();

        var after = (await Registry.GetAsync(one.BattleId, Side.One))!;
        Assert.Equal(BattlePhase.InProgress, after.Phase);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before.Snapshot, BattleJson.Options), System.Text.Json.JsonSerializer.Serialize(after.Snapshot, BattleJson.Options));
        Assert.Equal(before.Log.Select(BattleJson.WriteEvent), after.Log.Select(BattleJson.WriteEvent));
        Assert.Equal(before.TurnDeadline, after.TurnDeadline);
        Assert.Equal(Side.One, await Registry.SeatForAsync(one.BattleId, one.Token));
        Assert.Equal(Side.Two, await Registry.SeatForAsync(one.BattleId, two.Token));
        var next = after.Snapshot!.ActiveSide!.Value;
        Assert.True((await Registry.ExecuteAsync(one.BattleId, next == Side.One ? one.Token : two.Token, new EndTurn(next))).Accepted);
        Assert.Single(await Registry.ListAsync(), b => b.Id == one.BattleId);
    }

    [Fact]
    public async Task The_turn_deadline_is_re_armed_after_a_restart_and_runs_out_at_the_same_moment()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        var start = (await Registry.GetAsync(one.BattleId))!;
        _host.Time.Advance(TimeSpan.FromSeconds(10));

        Crash();

        Assert.Equal(start.TurnDeadline, (await Registry.GetAsync(one.BattleId))!.TurnDeadline);
        _host.Time.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        Assert.Equal(start.Snapshot!.TurnNumber, (await Registry.GetAsync(one.BattleId))!.Snapshot!.TurnNumber);
        _host.Time.Advance(TimeSpan.FromTicks(1));
        var after = (await Registry.GetAsync(one.BattleId))!;
        Assert.Equal(start.Snapshot.TurnNumber + 1, after.Snapshot!.TurnNumber);
        Assert.Equal(TurnEndReason.TimerExpired, Assert.Single(after.Log.OfType<TurnEnded>()).Reason);
    }

    [Fact]
    public async Task A_turn_deadline_that_passed_while_the_server_was_down_is_applied_when_the_battle_comes_back()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        var start = (await Registry.GetAsync(one.BattleId))!;
        _host.Restart(new MemoryBattleJournal()); // the silo goes away...
        _host.Time.Advance(TimeSpan.FromMinutes(1)); // ...and the deadline passes while it is down

        Crash();

        // The start-up revival activates every kept battle: the alarm rings at once, before anyone visits.
        using var revival = new BattleRevival(Registry, ClusterSeniority.Alone, new StartedLifetime(), Microsoft.Extensions.Logging.Abstractions.NullLogger<BattleRevival>.Instance);
        await revival.StartAsync(CancellationToken.None);
        await revival.ExecuteTask!;
        var kept = (await _journal.ReadAsync(one.BattleId))!;
        Assert.Contains(kept.Entries, e => e.Command is ExpireTurn);
        var after = (await Registry.GetAsync(one.BattleId))!;
        Assert.True(after.Snapshot!.TurnNumber > start.Snapshot!.TurnNumber);
        Assert.Contains(after.Log.OfType<TurnEnded>(), e => e.Reason == TurnEndReason.TimerExpired);
    }

    [Fact]
    public async Task A_reconnect_grace_that_ran_out_while_the_server_was_down_forfeits_the_battle_at_its_first_look_up()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: false); // its grace starts: 2 minutes
        _host.Restart(new MemoryBattleJournal()); // the silo goes away...
        _host.Time.Advance(TimeSpan.FromMinutes(3)); // ...and the grace runs out while it is down

        Crash();

        var outcome = (await Registry.GetAsync(one.BattleId))!.Outcome;
        Assert.Equal(BattleEndReason.Forfeited, outcome?.Reason);
        Assert.Equal(Side.Two, outcome?.Winner);
    }

    [Fact]
    public async Task Players_whose_pages_went_down_with_the_server_get_the_reconnect_grace_and_forfeit_after_it_unless_they_return()
    {
        var (one, _) = await _host.StartPersonBattleAsync();
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        await Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: true);

        Crash();

        var back = (await Registry.GetAsync(one.BattleId))!;
        Assert.False(back.SeatOneConnected);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromMinutes(2), back.SeatOneForfeitsAt);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromMinutes(2), back.SeatTwoForfeitsAt);
        await Registry.SeatPresenceAsync(one.BattleId, Side.One, connected: true);
        _host.Time.Advance(TimeSpan.FromMinutes(2));
        var outcome = (await Registry.GetAsync(one.BattleId))!.Outcome;
        Assert.Equal(BattleEndReason.Forfeited, outcome?.Reason);
        Assert.Equal(Side.One, outcome?.Winner);
    }

    [Fact]
    public async Task A_seat_whose_server_stops_renewing_its_lease_starts_the_reconnect_grace_when_the_lease_runs_out()
    {
        using var host = new BattleTestHost(o =>
        {
            o.PresenceLease = TimeSpan.FromSeconds(30);
            o.ReconnectGrace = TimeSpan.FromMinutes(2);
            o.TurnTimer = TimeSpan.FromHours(1);
        });
        var (one, _) = await host.StartPersonBattleAsync();
        await host.Registry.SeatPresenceAsync(one.BattleId, Side.Two, connected: true);
        host.Time.Advance(TimeSpan.FromSeconds(20));
        await host.Silo.Feed.RenewAsync();
        host.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await host.Registry.GetAsync(one.BattleId))!.SeatTwoConnected);

        // The server holding the seat "crashed": nobody renews, the lease runs out 30 s after the last renewal.
        host.Time.Advance(TimeSpan.FromSeconds(10));
        var away = (await host.Registry.GetAsync(one.BattleId))!;
        Assert.False(away.SeatTwoConnected);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(2), away.SeatTwoForfeitsAt);
    }

    [Fact]
    public async Task A_defender_and_spectators_never_receive_a_salvos_launch_check_its_launcher_does()
    {
        var (one, two) = await _host.StartPersonBattleAsync("mercenary_cruiser", "free_trader", RangeBand.Short);
        if ((await Registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide == Side.Two)
        {
            await Registry.ExecuteAsync(one.BattleId, two.Token, new EndTurn(Side.Two));
        }
        using var defender = await _host.WatchAsync(one.BattleId, Side.Two);
        var reply = await Registry.ExecuteAsync(one.BattleId, one.Token, new LaunchMissiles(Side.One, 2));
        Assert.True(reply.Accepted, reply.Message);
        var launch = Assert.Single(reply.Events.OfType<MissilesLaunched>());

        var toDefender = await defender.NextAsync(v => v.Log.OfType<MissilesLaunched>().Any());
        Assert.Equal(BattleProjection.SealedCheck, toDefender.Log.OfType<MissilesLaunched>().Single().Check);
        Assert.Equal(BattleProjection.SealedCheck, (await Registry.GetAsync(one.BattleId))!.Log.OfType<MissilesLaunched>().Single().Check);
        Assert.Equal(launch.Check, (await Registry.GetAsync(one.BattleId, Side.One))!.Log.OfType<MissilesLaunched>().Single().Check);
    }

    [Fact]
    public async Task Every_accepted_command_is_in_the_journal_before_its_reply_and_the_AIs_replies_with_it()
    {
        var (grant, _) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "patrol_corvette", "free_trader", RangeBand.Long));
        Assert.True((await Registry.ExecuteAsync(grant!.BattleId, grant.Token, new FireLasers(Side.One, 0))).Accepted);
        var kept = (await _journal.ReadAsync(grant.BattleId))!;
        Assert.IsType<FireLasers>(kept.Entries[^1].Command);

        Assert.True((await Registry.ExecuteAsync(grant.BattleId, grant.Token, new EndTurn(Side.One))).Accepted);
        kept = (await _journal.ReadAsync(grant.BattleId))!;
        // The AI played its whole turn before the reply: its commands were written with the player's End Turn.
        Assert.Equal(Side.One, (await Registry.GetAsync(grant.BattleId))!.Snapshot!.ActiveSide);
        Assert.Equal(Side.Two, kept.Entries[^1].Command.Side);
        Assert.IsType<EndTurn>(kept.Entries[^1].Command);
        Assert.NotNull(kept.Entries[^1].Captain);
    }

    [Fact]
    public async Task A_standing_helm_order_is_stored_before_its_reply_and_stands_after_a_restart_acting_as_it_would_have()
    {
        using var uninterrupted = new BattleTestHost(o => o.TurnTimer = TimeSpan.FromSeconds(30));
        var request = new NewBattleRequest(OpponentKind.Ai, "scout", "free_trader", RangeBand.Long);
        var (grant, _) = await Registry.CreateAsync(request);
        var (same, _) = await uninterrupted.Registry.CreateAsync(request);
        var order = new SetHelmOrder(Side.One, HelmOrderKind.CloseToFiringRange);
        Assert.True((await Registry.ExecuteAsync(grant!.BattleId, grant.Token, order)).Accepted);
        Assert.True((await uninterrupted.Registry.ExecuteAsync(same!.BattleId, same.Token, order)).Accepted);
        var kept = (await _journal.ReadAsync(grant.BattleId))!;
        Assert.Equal(ManoeuvreDirection.Close, Assert.Single(kept.Seats.HelmOrders!).Direction);

        Crash();

        var back = (await Registry.GetAsync(grant.BattleId, Side.One))!;
        Assert.Equal("Closing to firing range", back.HelmOrderOne?.Standing);
        // The player ends the turn the order handed back; the AI replies and the order steers the next turn by itself.
        Assert.True((await Registry.ExecuteAsync(grant.BattleId, grant.Token, new EndTurn(Side.One))).Accepted);
        Assert.True((await uninterrupted.Registry.ExecuteAsync(same.BattleId, same.Token, new EndTurn(Side.One))).Accepted);
        var after = (await Registry.GetAsync(grant.BattleId, Side.One))!;
        var expected = (await uninterrupted.Registry.GetAsync(same.BattleId, Side.One))!;
        Assert.True(after.Snapshot!.ActiveSideHasManoeuvred);
        Assert.Equal(expected.HelmOrderOne, after.HelmOrderOne);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected.Snapshot, BattleJson.Options), System.Text.Json.JsonSerializer.Serialize(after.Snapshot, BattleJson.Options));
    }

    [Fact]
    public async Task A_cancelled_helm_order_stays_cancelled_after_a_restart()
    {
        var (grant, _) = await Registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "free_trader", RangeBand.Long));
        Assert.True((await Registry.ExecuteAsync(grant!.BattleId, grant.Token, new SetHelmOrder(Side.One, HelmOrderKind.CloseToFiringRange))).Accepted);
        Assert.True((await Registry.ExecuteAsync(grant.BattleId, grant.Token, new SetHelmOrder(Side.One, HelmOrderKind.Cancel))).Accepted);
        Assert.Null((await _journal.ReadAsync(grant.BattleId))!.Seats.HelmOrders);

        Crash();

        Assert.Null((await Registry.GetAsync(grant.BattleId, Side.One))!.HelmOrderOne);
    }

    [Fact]
    public async Task A_battle_that_ended_before_end_marks_were_kept_is_asked_once_by_the_list_and_marked_as_of_its_last_write()
    {
        var (one, two) = await _host.StartPersonBattleAsync();
        var active = (await Registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide!.Value;
        Assert.True((await Registry.ExecuteAsync(one.BattleId, active == Side.One ? one.Token : two.Token, new Surrender(active))).Accepted);
        var endedAt = (await _journal.ReadAsync(one.BattleId))!.LastWrite;
        Assert.Equal(endedAt, (await _journal.ReadAsync(one.BattleId))!.Ended?.At);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}"))
        {
            // As a database written before end marks were kept.
            connection.Open();
            using var unmark = connection.CreateCommand();
            unmark.CommandText = "UPDATE battle SET ended = NULL";
            Assert.Equal(1, unmark.ExecuteNonQuery());
        }
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        Crash();
        Assert.Null(Assert.Single(await _journal.BattlesAsync()).Ended);

        var listed = Assert.Single(await Registry.ListAsync());
        Assert.Equal(BattlePhase.Over, listed.Phase);
        Assert.Equal(BattleEndReason.Surrendered, listed.Outcome?.Reason);
        var mark = Assert.Single(await _journal.BattlesAsync()).Ended;
        Assert.Equal(active.Opponent(), mark!.Outcome.Winner);
        Assert.Equal(BattleEndReason.Surrendered, mark.Outcome.Reason);
        Assert.Equal(endedAt, mark.At);
    }

    [Fact]
    public void Seats_stored_before_helm_orders_were_kept_still_read_and_seats_without_an_order_are_written_as_before()
    {
        const string stored = """{"tokenOne":"a","tokenTwo":null,"deadlines":{"timedTurn":3,"timedSide":"One","turnEndsAt":"2026-11-27T12:00:30+00:00","seatOneForfeitsAt":null,"seatTwoForfeitsAt":null},"rematchId":null,"rematchTokenOne":null,"rematchTokenTwo":null,"abandonedWhileWaiting":false,"lastActivity":"2026-11-27T12:00:00+00:00"}""";

        var seats = BattleJson.Read<BattleSeats>(stored);

        Assert.Equal("a", seats.TokenOne);
        Assert.Null(seats.HelmOrders);
        Assert.Equal(stored, System.Text.Json.JsonSerializer.Serialize(seats, BattleJson.Options));
    }

    private sealed class StartedLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
