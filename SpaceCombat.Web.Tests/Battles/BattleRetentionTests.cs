using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// A pruned battle leaves the live battles at once, but its record stays in the journal for <c>BattleRetention</c>
/// so its full log can still be shown and downloaded; then the pruning pass removes it. It never comes back as live.
/// </summary>
public sealed class BattleRetentionTests : IDisposable
{
    private static readonly TimeSpan Inactive = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(6);

    private readonly string _folder = Directory.CreateTempSubdirectory("spacecombat-retention-").FullName;
    private SqliteBattleJournal _journal;
    private readonly BattleTestHost _host;

    public BattleRetentionTests()
    {
        _journal = new SqliteBattleJournal(DatabasePath);
        _host = new BattleTestHost(o =>
        {
            o.CombatInactiveTimeout = Inactive;
            o.TurnTimer = TimeSpan.FromHours(1);
            o.BattleRetention = Retention;
        }, journal: _journal);
    }

    private string DatabasePath => Path.Combine(_folder, SqliteBattleJournal.FileName);

    private IBattleRegistry Registry => _host.Registry;

    public void Dispose()
    {
        _host.Dispose();
        _journal.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A PvP battle with a few accepted commands, then pruned for inactivity; the events it showed are returned.</summary>
    private async Task<(SeatGrant One, IReadOnlyList<BattleEvent> Shown)> PlayThenPruneAsync()
    {
        var (one, two) = await _host.StartPersonBattleAsync("mercenary_cruiser", "free_trader", RangeBand.Short);
        for (var i = 0; i < 4; i++)
        {
            var active = (await Registry.GetAsync(one.BattleId))!.Snapshot!.ActiveSide!.Value;
            var token = active == Side.One ? one.Token : two.Token;
            await Registry.ExecuteAsync(one.BattleId, token, new FireLasers(active, 0));
            Assert.True((await Registry.ExecuteAsync(one.BattleId, token, new EndTurn(active))).Accepted);
        }
        var shown = (await Registry.GetAsync(one.BattleId))!.Log;
        _host.Time.Advance(Inactive);
        Assert.Equal(1, await Registry.PruneInactiveAsync());
        return (one, shown);
    }

    [Fact]
    public async Task A_pruned_battles_full_log_downloads_until_its_retention_passes_and_then_it_is_removed()
    {
        var (one, shown) = await PlayThenPruneAsync();

        Assert.Null(await Registry.GetAsync(one.BattleId));
        Assert.DoesNotContain(await Registry.ListAsync(), b => b.Id == one.BattleId);
        var events = (await Registry.GetRecordAsync(one.BattleId))!.Events();
        Assert.Equal(shown.Select(BattleJson.WriteEvent), events.Take(shown.Count).Select(BattleJson.WriteEvent));
        Assert.Equal(BattleEndReason.Abandoned, Assert.IsType<BattleEnded>(events[^1]).Outcome.Reason);
        var lines = BattleLogExport.ToJsonLines(events, Side.One, side => side.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Count, lines.Length);

        _host.Time.Advance(Retention - TimeSpan.FromTicks(1));
        await Registry.PruneInactiveAsync();
        Assert.NotNull(await Registry.GetRecordAsync(one.BattleId));

        _host.Time.Advance(TimeSpan.FromTicks(1));
        await Registry.PruneInactiveAsync();
        Assert.Null(await Registry.GetRecordAsync(one.BattleId));
        Assert.Null(await _journal.ReadAsync(one.BattleId));
    }

    [Fact]
    public async Task A_retained_battle_is_not_brought_back_as_live_after_a_restart_and_its_code_stays_taken()
    {
        var (one, _) = await PlayThenPruneAsync();
        var kept = (await _journal.ReadAsync(one.BattleId))!;

        _journal.Dispose();
        _journal = new SqliteBattleJournal(DatabasePath);
        _host.Restart(_journal);
        using var revival = new BattleRevival(Registry, SpaceCombat.Web.Battles.Cluster.ClusterSeniority.Alone, new StartedLifetime(), NullLogger<BattleRevival>.Instance);
        await revival.StartAsync(CancellationToken.None);
        await revival.ExecuteTask!;

        Assert.Empty(await Registry.ListAsync());
        Assert.Null(await Registry.GetAsync(one.BattleId));
        Assert.NotNull((await Registry.JoinAsync(one.BattleId, "scout")).Problem);
        Assert.False(await _journal.ReserveAsync(one.BattleId, kept.Request, _host.Time.GetUtcNow()));
        var after = (await _journal.ReadAsync(one.BattleId))!;
        Assert.Equal(kept.Entries.Count, after.Entries.Count);
        Assert.Equal(_host.Time.GetUtcNow() + Retention, after.RetainedUntil);
        Assert.NotNull(await Registry.GetRecordAsync(one.BattleId));
    }

    [Fact]
    public async Task With_no_retention_a_pruned_battle_is_removed_at_once()
    {
        using var host = new BattleTestHost(o =>
        {
            o.CombatInactiveTimeout = Inactive;
            o.BattleRetention = TimeSpan.Zero;
        });
        var (one, _) = await host.StartPersonBattleAsync();
        host.Time.Advance(Inactive);

        Assert.Equal(1, await host.Registry.PruneInactiveAsync());

        Assert.Null(await host.Registry.GetRecordAsync(one.BattleId));
        Assert.Null(await host.Silo.Journal.ReadAsync(one.BattleId));
    }

    [Fact]
    public async Task A_database_written_before_retention_was_kept_opens_with_every_battle_in_it_live()
    {
        var path = Path.Combine(_folder, "old", SqliteBattleJournal.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE battle (code TEXT PRIMARY KEY, request TEXT NOT NULL, seats TEXT NOT NULL, opening TEXT, last_write INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE entry (code TEXT NOT NULL, number INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (code, number)) WITHOUT ROWID;
                INSERT INTO battle VALUES ('OLD1', '{"opponent":"Person","ship":"scout","enemyShip":null,"startBand":"Medium"}',
                    '{"tokenOne":null,"tokenTwo":null,"deadlines":{"timedTurn":0,"timedSide":null,"turnEndsAt":null,"seatOneForfeitsAt":null,"seatTwoForfeitsAt":null},"rematchId":null,"rematchTokenOne":null,"rematchTokenTwo":null,"abandonedWhileWaiting":false,"lastActivity":"2026-11-27T12:00:00+00:00"}',
                    NULL, 0);
                """;
            create.ExecuteNonQuery();
        }

        using var journal = new SqliteBattleJournal(path);

        Assert.Equal(["OLD1"], await journal.CodesAsync());
        Assert.False((await journal.ReadAsync("OLD1"))!.IsRetained);
        await journal.RetainAsync("OLD1", new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.Empty(await journal.CodesAsync());
        Assert.Equal(0, await journal.RemoveExpiredAsync(new DateTimeOffset(2026, 11, 27, 23, 59, 59, TimeSpan.Zero)));
        Assert.Equal(1, await journal.RemoveExpiredAsync(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero)));
        Assert.Null(await journal.ReadAsync("OLD1"));
    }

    private sealed class StartedLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
