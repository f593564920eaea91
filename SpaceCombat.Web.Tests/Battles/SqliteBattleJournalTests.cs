using Microsoft.Data.Sqlite;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Battles.Journal;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>The journal contract on a SQLite file (reopened: the file opened again after its connections are closed), and its WAL mode.</summary>
public sealed class SqliteBattleJournalTests : BattleJournalContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("spacecombat-journal-").FullName;

    private string DatabasePath => Path.Combine(_folder, "nested", SqliteBattleJournal.FileName);

    protected override IBattleJournal OpenJournal() => new SqliteBattleJournal(DatabasePath);

    protected override void CloseJournal(IBattleJournal journal)
    {
        ((SqliteBattleJournal)journal).Dispose();
        SqliteConnection.ClearAllPools();
    }

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_database_file_is_created_in_its_folder_in_wal_mode()
    {
        Open();

        using var mode = new SqliteConnection($"Data Source={DatabasePath}");
        mode.Open();
        using var pragma = mode.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", pragma.ExecuteScalar());
    }

    [Fact]
    public async Task A_database_written_before_end_marks_were_kept_lists_its_battles_unmarked_until_a_step_marks_them()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        using (var old = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE battle (code TEXT PRIMARY KEY, request TEXT NOT NULL, seats TEXT NOT NULL, opening TEXT, last_write INTEGER NOT NULL,
                    retained_until INTEGER, last_activity INTEGER) WITHOUT ROWID;
                CREATE TABLE entry (code TEXT NOT NULL, number INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (code, number)) WITHOUT ROWID;
                INSERT INTO battle VALUES ('ENDEDD', $request, $seats, NULL, $at, NULL, $at), ('PLAYNG', $request, $seats, NULL, $at, NULL, $at);
                """;
            create.Parameters.AddWithValue("$request", Json(Request));
            create.Parameters.AddWithValue("$seats", Json(BattleSeats.Empty with { TokenOne = "one", LastActivity = At }));
            create.Parameters.AddWithValue("$at", At.UtcTicks);
            create.ExecuteNonQuery();
        }

        var journal = Open();
        Assert.Equal([new KeptBattle("ENDEDD", null), new KeptBattle("PLAYNG", null)], await journal.BattlesAsync());
        await journal.WriteAsync("ENDEDD", new JournalStep(null, null, [], 1, At.AddMinutes(3)) { Ended = EndMark });

        journal = Reopen(journal);
        Assert.Equal([new KeptBattle("ENDEDD", EndMark), new KeptBattle("PLAYNG", null)], await journal.BattlesAsync());
        Assert.Equal(BattleSeats.Empty with { TokenOne = "one", LastActivity = At }, (await journal.ReadAsync("ENDEDD"))!.Seats);
    }

    [Fact]
    public async Task A_database_written_before_the_last_activity_was_kept_gets_it_from_each_battles_seats_or_its_reservation()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var opened = At.AddMinutes(20);
        using (var old = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE battle (code TEXT PRIMARY KEY, request TEXT NOT NULL, seats TEXT NOT NULL, opening TEXT, last_write INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE entry (code TEXT NOT NULL, number INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (code, number)) WITHOUT ROWID;
                INSERT INTO battle VALUES ('PLAYED', $request, $played, NULL, $later), ('RESRVD', $request, $reserved, NULL, $reservedAt);
                """;
            create.Parameters.AddWithValue("$request", Json(Request));
            create.Parameters.AddWithValue("$played", Json(BattleSeats.Empty with { TokenOne = "one", LastActivity = At }));
            create.Parameters.AddWithValue("$later", At.AddHours(1).UtcTicks);
            create.Parameters.AddWithValue("$reserved", Json(BattleSeats.Empty));
            create.Parameters.AddWithValue("$reservedAt", opened.UtcTicks);
            create.ExecuteNonQuery();
        }

        var journal = Open();

        Assert.Equal(["PLAYED", "RESRVD"], await journal.CodesAsync());
        Assert.Equal(["PLAYED"], await journal.InactiveSinceAsync(At));
        Assert.Equal(["PLAYED"], await journal.InactiveSinceAsync(opened.AddTicks(-1)));
        Assert.Equal(["PLAYED", "RESRVD"], await journal.InactiveSinceAsync(opened));
        await journal.WriteAsync("RESRVD", new JournalStep(BattleSeats.Empty with { TokenOne = "one", LastActivity = opened.AddHours(1) }, null, [], 1, opened.AddHours(1)));

        // Opened again, the column is there: nothing is filled twice.
        journal = Reopen(journal);
        Assert.Equal(["PLAYED"], await journal.InactiveSinceAsync(opened.AddMinutes(30)));
        Assert.Equal(At, (await journal.ReadAsync("PLAYED"))!.Seats.LastActivity);
    }

    [Fact]
    public async Task A_step_is_stored_as_the_very_json_text_the_serializer_writes()
    {
        var journal = Open();
        Assert.True(await journal.ReserveAsync("ABCDEF", Request, At));
        // Non-ASCII text is kept unescaped, as the serializer's encoder writes it.
        var seats = BattleSeats.Empty with { TokenOne = "één-ünö", LastActivity = At };
        var entries = new[] { EndTurnEntry(Side.One), EndTurnEntry(Side.Two) };
        await journal.WriteAsync("ABCDEF", new JournalStep(seats, null, entries, 1, At.AddSeconds(1)) { Ended = EndMark });

        using var read = new SqliteConnection($"Data Source={DatabasePath}");
        read.Open();
        using var battle = read.CreateCommand();
        battle.CommandText = "SELECT seats, opening, ended, last_write, last_activity, typeof(seats) FROM battle WHERE code = 'ABCDEF'";
        using (var row = battle.ExecuteReader())
        {
            Assert.True(row.Read());
            Assert.Equal(Json(seats), row.GetString(0));
            Assert.True(row.IsDBNull(1));
            Assert.Equal(Json(EndMark), row.GetString(2));
            Assert.Equal(At.AddSeconds(1).UtcTicks, row.GetInt64(3));
            Assert.Equal(At.UtcTicks, row.GetInt64(4));
            Assert.Equal("text", row.GetString(5));
        }
        using var kept = read.CreateCommand();
        kept.CommandText = "SELECT number, entry, typeof(entry) FROM entry WHERE code = 'ABCDEF' ORDER BY number";
        using var lines = kept.ExecuteReader();
        foreach (var (entry, number) in entries.Select((entry, i) => (entry, i + 1)))
        {
            Assert.True(lines.Read());
            Assert.Equal((number, Json(entry), "text"), (lines.GetInt32(0), lines.GetString(1), lines.GetString(2)));
        }
        Assert.False(lines.Read());
    }
}
