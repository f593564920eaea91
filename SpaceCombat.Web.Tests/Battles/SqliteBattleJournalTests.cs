using Microsoft.Data.Sqlite;
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
}
