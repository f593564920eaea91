using SpaceCombat.Core.Battles;
using SpaceCombat.TestSupport;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Journal;
using StackExchange.Redis;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>
/// The journal contract on a real redis-server (emptied before each test; reopened: a new connection), the documented
/// key layout, and a step that would leave a hole in the entries refused.
/// </summary>
public sealed class RedisBattleJournalTests : BattleJournalContract, IClassFixture<RedisServer>
{
    private readonly RedisServer _server;
    private readonly Dictionary<IBattleJournal, ConnectionMultiplexer> _connections = [];

    public RedisBattleJournalTests(RedisServer server)
    {
        _server = server;
        using var admin = ConnectionMultiplexer.Connect(server.ConnectionString);
        admin.GetServers().Single().FlushAllDatabases();
    }

    protected override IBattleJournal OpenJournal()
    {
        var connection = ConnectionMultiplexer.Connect(_server.ConnectionString);
        var journal = new RedisBattleJournal(connection);
        _connections[journal] = connection;
        return journal;
    }

    protected override void CloseJournal(IBattleJournal journal)
    {
        _connections.Remove(journal, out var connection);
        connection?.Dispose();
    }

    [Fact]
    public async Task A_battle_is_kept_under_the_documented_keys()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [EndTurnEntry(Side.One), EndTurnEntry(Side.Two)], 1, At));

        using var look = ConnectionMultiplexer.Connect(_server.ConnectionString);
        var database = look.GetDatabase();
        Assert.Equal(RedisType.Hash, await database.KeyTypeAsync("spacecombat:battle:ABCDEF"));
        Assert.Equal(["last_write", "request", "seats"], (await database.HashKeysAsync("spacecombat:battle:ABCDEF")).Select(k => (string)k!).Order());
        Assert.Equal(2, await database.ListLengthAsync("spacecombat:battle:ABCDEF:entries"));
        Assert.Equal(["ABCDEF"], (await database.SetMembersAsync("spacecombat:battles")).Select(c => (string)c!));
        Assert.Equal(At.ToUnixTimeMilliseconds(), await database.SortedSetScoreAsync("spacecombat:activity", "ABCDEF"));
        Assert.Equal(
            ["spacecombat:activity", "spacecombat:battle:ABCDEF", "spacecombat:battle:ABCDEF:entries", "spacecombat:battles"],
            look.GetServers().Single().Keys(pattern: "*").Select(k => (string)k!).Order());
    }

    [Fact]
    public async Task An_end_mark_is_kept_in_the_battles_hash_and_in_the_ended_hash_while_the_battle_is_live()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At) { Ended = EndMark });

        using var look = ConnectionMultiplexer.Connect(_server.ConnectionString);
        var database = look.GetDatabase();
        Assert.Equal(Json(EndMark), (string?)await database.HashGetAsync("spacecombat:battle:ABCDEF", "ended"));
        Assert.Equal(Json(EndMark), (string?)await database.HashGetAsync("spacecombat:ended", "ABCDEF"));

        await journal.RetainAsync("ABCDEF", At.AddDays(1));
        Assert.False(await database.KeyExistsAsync("spacecombat:ended"));
        Assert.Equal(EndMark, (await journal.ReadAsync("ABCDEF"))!.Ended);
    }

    [Fact]
    public async Task A_journal_written_before_the_activity_set_was_kept_fills_it_from_each_battles_seats_or_its_reservation()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("PLAYED", Request, At));
        Assert.True(await journal.ReserveAsync("RESRVD", Request, At.AddMinutes(20)));
        Assert.True(await journal.ReserveAsync("ENDEDD", Request, At));
        await journal.WriteAsync("PLAYED", new JournalStep(BattleSeats.Empty with { TokenOne = "one", LastActivity = At.AddMinutes(5) }, null, [], 1, At.AddHours(1)));
        await journal.RetainAsync("ENDEDD", At.AddDays(1));
        using var look = ConnectionMultiplexer.Connect(_server.ConnectionString);
        Assert.True(await look.GetDatabase().KeyDeleteAsync(RedisBattleJournal.ActivityKey));

        Assert.Empty(await journal.InactiveSinceAsync(At.AddMinutes(5).AddMilliseconds(-1)));
        Assert.Equal(["PLAYED"], await journal.InactiveSinceAsync(At.AddMinutes(5)));
        Assert.Equal(["PLAYED", "RESRVD"], await journal.InactiveSinceAsync(At.AddMinutes(20)));
        Assert.Equal(2, await look.GetDatabase().SortedSetLengthAsync(RedisBattleJournal.ActivityKey));
    }

    [Fact]
    public async Task A_step_whose_first_entry_would_leave_a_gap_is_refused_and_changes_nothing()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            journal.WriteAsync("ABCDEF", new JournalStep(BattleSeats.Empty with { TokenOne = "one" }, null, [EndTurnEntry(Side.Two)], 3, At.AddSeconds(1))));

        Assert.Contains("gap", refused.Message, StringComparison.Ordinal);
        var record = (await journal.ReadAsync("ABCDEF"))!;
        Assert.Single(record.Entries);
        Assert.Equal(BattleSeats.Empty, record.Seats);
        Assert.Equal(At, record.LastWrite);
    }

    [Fact]
    public async Task A_step_whose_entries_differ_from_those_kept_at_their_numbers_is_refused_and_changes_nothing()
    {
        // Two copies of one battle for a moment (a cluster's membership change): the second copy's history must not be
        // taken for a retry of the first's.
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            journal.WriteAsync("ABCDEF", new JournalStep(BattleSeats.Empty with { TokenOne = "one" }, null, [EndTurnEntry(Side.Two), EndTurnEntry(Side.One)], 1, At.AddSeconds(1))));

        Assert.Contains("another copy", refused.Message, StringComparison.Ordinal);
        var record = (await journal.ReadAsync("ABCDEF"))!;
        Assert.Equal(Json(EndTurnEntry(Side.One)), Json(Assert.Single(record.Entries)));
        Assert.Equal(BattleSeats.Empty, record.Seats);
        Assert.Equal(At, record.LastWrite);
    }

    [Fact]
    public async Task What_the_journal_wrote_survives_a_restart_of_a_server_that_persists_to_disk_and_not_of_one_that_does_not()
    {
        foreach (var persistToDisk in new[] { true, false })
        {
            using var server = persistToDisk ? RedisServer.PersistingToDisk() : new RedisServer();
            using (var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString))
            {
                var journal = new RedisBattleJournal(connection);
                Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
                await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [EndTurnEntry(Side.One)], 1, At));
            }

            server.Restart();

            using var again = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
            var kept = await new RedisBattleJournal(again).ReadAsync("ABCDEF");
            Assert.Equal(persistToDisk ? 1 : null, kept?.Entries.Count);
        }
    }
}
