using Microsoft.Data.Sqlite;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class SqliteBattleJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("spacecombat-journal-").FullName;

    private string DatabasePath => Path.Combine(_folder, "nested", SqliteBattleJournal.FileName);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, BattleJson.Options);

    private static readonly NewBattleRequest Request = new(OpponentKind.Person, "scout", null, RangeBand.Medium);

    [Fact]
    public async Task What_is_written_is_read_back_from_the_file_after_it_is_reopened()
    {
        var at = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        var logbook = BattleLogbook.Start(new BattleSetup("scout", "free_trader", RangeBand.Medium), new SeededDice(3));
        var active = logbook.Snapshot.ActiveSide!.Value;
        Assert.True(logbook.Execute(new FireLasers(active, 0)).Accepted);
        Assert.True(logbook.Execute(new EndTurn(active)).Accepted);
        var entries = logbook.TakeNewEntries();
        var seats = BattleSeats.Empty with
        {
            TokenOne = "one",
            TokenTwo = "two",
            LastActivity = at,
            Deadlines = new BattleDeadlines(2, Side.Two, at.AddSeconds(30), null, at.AddMinutes(2)),
        };

        using (var journal = new SqliteBattleJournal(DatabasePath))
        {
            Assert.True(await journal.ReserveAsync("ABCDEF", Request, at));
            await journal.WriteAsync("ABCDEF", new JournalStep(seats, logbook.Opening, entries.Take(1).ToArray(), 1, at));
            await journal.WriteAsync("ABCDEF", new JournalStep(null, null, entries.Skip(1).ToArray(), 2, at.AddSeconds(1)));
        }
        SqliteConnection.ClearAllPools();

        using var reopened = new SqliteBattleJournal(DatabasePath);
        var record = (await reopened.ReadAsync("ABCDEF"))!;
        Assert.Equal(Request, record.Request);
        Assert.Equal(seats, record.Seats);
        Assert.Equal(Json(logbook.Opening), Json(record.Opening));
        Assert.Equal(entries.Select(Json), record.Entries.Select(Json));
        Assert.Equal(at.AddSeconds(1), record.LastWrite);
        Assert.Equal(["ABCDEF"], await reopened.CodesAsync());
        var restored = BattleLogbook.Restore(record.Opening!, record.Entries, new SeededDice(1));
        Assert.Equal(Json(logbook.Snapshot), Json(restored.Snapshot));
        using var mode = new SqliteConnection($"Data Source={DatabasePath}");
        mode.Open();
        using var pragma = mode.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", pragma.ExecuteScalar());
    }

    [Fact]
    public async Task A_code_is_reserved_once_a_retried_write_appends_nothing_twice_and_a_removed_battle_is_gone()
    {
        using var journal = new SqliteBattleJournal(DatabasePath);
        var at = DateTimeOffset.UnixEpoch;
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, at));
        Assert.False(await journal.ReserveAsync("ABCDEF", Request with { Ship = "seeker" }, at));
        Assert.Equal("scout", (await journal.ReadAsync("ABCDEF"))!.Request.Ship);

        var entry = new LogbookEntry(new EndTurn(Side.One), []);
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [entry], 1, at));
        await journal.WriteAsync("ABCDEF", new JournalStep(null, null, [entry], 1, at));
        Assert.Single((await journal.ReadAsync("ABCDEF"))!.Entries);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.WriteAsync("GHJKMN", new JournalStep(null, null, [entry], 1, at)));
        // Written together (one commit for both when they wait together), the bad step fails alone.
        var good = journal.WriteAsync("ABCDEF", new JournalStep(null, null, [entry], 2, at));
        var bad = journal.WriteAsync("GHJKMN", new JournalStep(null, null, [entry], 1, at));
        await good;
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(2, (await journal.ReadAsync("ABCDEF"))!.Entries.Count);
        await journal.RemoveAsync("ABCDEF");
        Assert.Null(await journal.ReadAsync("ABCDEF"));
        Assert.Empty(await journal.CodesAsync());
    }
}
