using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Logbook;

namespace SpaceCombat.Web.Battles.Journal;

/// <summary>
/// The journal in one SQLite file (Storage = Sqlite, the default): WAL mode, one row per battle (request, seats,
/// opening, its last activity, its end mark once it ended, and when it is retained the moment its retention ends) and one row per logbook entry, appended. Writes go through a single writer connection, the steps waiting
/// together committed in one transaction; reads open their own connections, which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteBattleJournal : IBattleJournal, IDisposable
{
    /// <summary>The database's file name in the <c>DataDirectory</c> folder.</summary>
    public const string FileName = "battles.db";

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<PendingStep> _queue = [];
    private bool _writing;
    private SqliteStepWriter? _stepWriter;

    public SqliteBattleJournal(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Run(_writer, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS battle (
                code TEXT PRIMARY KEY,
                request TEXT NOT NULL,
                seats TEXT NOT NULL,
                opening TEXT,
                last_write INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS entry (
                code TEXT NOT NULL,
                number INTEGER NOT NULL,
                entry TEXT NOT NULL,
                PRIMARY KEY (code, number)
            ) WITHOUT ROWID;
            """);
        AddRetentionColumn();
        AddActivityColumn();
        AddEndedColumn();
    }

    /// <summary>
    /// A database written before end marks were kept has no ended column. It is added empty: a battle that ended before
    /// is called once by the admin list (or revival), and its grain writes the mark as it reads the battle back.
    /// </summary>
    private void AddEndedColumn()
    {
        using var columns = _writer.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('battle') WHERE name = 'ended'";
        if ((long)columns.ExecuteScalar()! == 0)
        {
            Run(_writer, "ALTER TABLE battle ADD COLUMN ended TEXT");
        }
    }

    /// <summary>A database written before retention was kept has no retained_until column: every battle in it is live.</summary>
    private void AddRetentionColumn()
    {
        using var columns = _writer.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('battle') WHERE name = 'retained_until'";
        if ((long)columns.ExecuteScalar()! == 0)
        {
            Run(_writer, "ALTER TABLE battle ADD COLUMN retained_until INTEGER");
        }
    }

    /// <summary>
    /// A database written before the last activity was kept beside the seats has no last_activity column: it is added
    /// and filled from each battle's seats (or its last write, for one reserved and never opened), as the grain reads them.
    /// </summary>
    private void AddActivityColumn()
    {
        using var columns = _writer.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('battle') WHERE name = 'last_activity'";
        if ((long)columns.ExecuteScalar()! == 0)
        {
            using var transaction = _writer.BeginTransaction();
            Run(_writer, "ALTER TABLE battle ADD COLUMN last_activity INTEGER");
            var filled = new List<(string Code, long Activity)>();
            using (var select = _writer.CreateCommand())
            {
                select.CommandText = "SELECT code, seats, last_write FROM battle";
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    var activity = BattleJson.Read<BattleSeats>(reader.GetString(1)).LastActivity;
                    filled.Add((reader.GetString(0), activity == DateTimeOffset.MinValue ? reader.GetInt64(2) : activity.UtcTicks));
                }
            }
            using var update = _writer.CreateCommand();
            update.CommandText = "UPDATE battle SET last_activity = $activity WHERE code = $code";
            var code = update.Parameters.Add("$code", SqliteType.Text);
            var at = update.Parameters.Add("$activity", SqliteType.Integer);
            foreach (var battle in filled)
            {
                (code.Value, at.Value) = (battle.Code, battle.Activity);
                update.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        Run(_writer, "CREATE INDEX IF NOT EXISTS battle_live_activity ON battle (last_activity) WHERE retained_until IS NULL");
    }

    public string DatabasePath => _writer.DataSource;

    public async Task<bool> ReserveAsync(string code, NewBattleRequest request, DateTimeOffset at)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var insert = _writer.CreateCommand();
            insert.CommandText = "INSERT INTO battle (code, request, seats, last_write, last_activity) VALUES ($code, $request, $seats, $at, $at) ON CONFLICT (code) DO NOTHING";
            insert.Parameters.AddWithValue("$code", code);
            insert.Parameters.AddWithValue("$request", JsonSerializer.Serialize(request, BattleJson.Options));
            insert.Parameters.AddWithValue("$seats", JsonSerializer.Serialize(BattleSeats.Empty, BattleJson.Options));
            insert.Parameters.AddWithValue("$at", at.UtcTicks);
            return insert.ExecuteNonQuery() == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Queues the step for the writer, which commits every step waiting at that moment in one transaction (group
    /// commit: a burst of commands from many battles costs one commit, not one each); completes once it is committed.
    /// </summary>
    public Task WriteAsync(string code, JournalStep step)
    {
        if (step.IsEmpty)
        {
            return Task.CompletedTask;
        }
        var pending = new PendingStep(code, step);
        lock (_queue)
        {
            _queue.Add(pending);
            if (!_writing)
            {
                _writing = true;
                _ = Task.Run(WriteQueuedAsync);
            }
        }
        return pending.Committed.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            PendingStep[] batch;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = [.. _queue];
                _queue.Clear();
            }
            await _writeGate.WaitAsync();
            try
            {
                try
                {
                    Commit(batch);
                    foreach (var pending in batch)
                    {
                        pending.Committed.TrySetResult();
                    }
                }
                catch (Exception)
                {
                    // One bad step (a battle not reserved) must not fail the others: each is retried on its own.
                    foreach (var pending in batch)
                    {
                        try
                        {
                            Commit([pending]);
                            pending.Committed.TrySetResult();
                        }
                        catch (Exception exception)
                        {
                            pending.Committed.TrySetException(exception);
                        }
                    }
                }
            }
            finally
            {
                _writeGate.Release();
            }
        }
    }

    private void Commit(IReadOnlyList<PendingStep> batch)
    {
        var steps = new (string Code, JournalStep Step)[batch.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = (batch[i].Code, batch[i].Step);
        }
        (_stepWriter ??= new SqliteStepWriter(_writer)).WriteAll(steps);
    }

    private sealed record PendingStep(string Code, JournalStep Step)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task<JournalRecord?> ReadAsync(string code)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        using var battle = connection.CreateCommand();
        battle.CommandText = "SELECT request, seats, opening, last_write, retained_until, ended FROM battle WHERE code = $code";
        battle.Parameters.AddWithValue("$code", code);
        string request, seats;
        string? opening, ended;
        long lastWrite;
        long? retainedUntil;
        using (var reader = await battle.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                return null;
            }
            (request, seats, opening, lastWrite) = (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3));
            retainedUntil = reader.IsDBNull(4) ? null : reader.GetInt64(4);
            ended = reader.IsDBNull(5) ? null : reader.GetString(5);
        }
        var entries = new List<LogbookEntry>();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT entry FROM entry WHERE code = $code ORDER BY number";
        read.Parameters.AddWithValue("$code", code);
        using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                entries.Add(BattleJson.Read<LogbookEntry>(reader.GetString(0)));
            }
        }
        return new JournalRecord(code, BattleJson.Read<NewBattleRequest>(request), BattleJson.Read<BattleSeats>(seats),
            opening is null ? null : BattleJson.Read<LogbookOpening>(opening), entries, new DateTimeOffset(lastWrite, TimeSpan.Zero),
            retainedUntil is { } until ? new DateTimeOffset(until, TimeSpan.Zero) : null)
        {
            Ended = ended is null ? null : BattleJson.Read<BattleEndMark>(ended),
        };
    }

    public async Task<IReadOnlyList<KeptBattle>> BattlesAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT code, ended FROM battle WHERE retained_until IS NULL ORDER BY code";
        var battles = new List<KeptBattle>();
        using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            battles.Add(new KeptBattle(reader.GetString(0), reader.IsDBNull(1) ? null : BattleJson.Read<BattleEndMark>(reader.GetString(1))));
        }
        return battles;
    }

    public async Task<IReadOnlyList<string>> InactiveSinceAsync(DateTimeOffset cutoff)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT code FROM battle WHERE retained_until IS NULL AND last_activity <= $cutoff ORDER BY code";
        select.Parameters.AddWithValue("$cutoff", cutoff.UtcTicks);
        var codes = new List<string>();
        using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }
        return codes;
    }

    public async Task RemoveAsync(string code)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var transaction = _writer.BeginTransaction();
            using var delete = _writer.CreateCommand();
            delete.CommandText = "DELETE FROM entry WHERE code = $code; DELETE FROM battle WHERE code = $code";
            delete.Parameters.AddWithValue("$code", code);
            delete.ExecuteNonQuery();
            transaction.Commit();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task RetainAsync(string code, DateTimeOffset until)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var retain = _writer.CreateCommand();
            retain.CommandText = "UPDATE battle SET retained_until = $until WHERE code = $code";
            retain.Parameters.AddWithValue("$code", code);
            retain.Parameters.AddWithValue("$until", until.UtcTicks);
            retain.ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> RemoveExpiredAsync(DateTimeOffset now)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var transaction = _writer.BeginTransaction();
            using var entries = _writer.CreateCommand();
            entries.CommandText = "DELETE FROM entry WHERE code IN (SELECT code FROM battle WHERE retained_until <= $now)";
            entries.Parameters.AddWithValue("$now", now.UtcTicks);
            entries.ExecuteNonQuery();
            using var battles = _writer.CreateCommand();
            battles.CommandText = "DELETE FROM battle WHERE retained_until <= $now";
            battles.Parameters.AddWithValue("$now", now.UtcTicks);
            var removed = battles.ExecuteNonQuery();
            transaction.Commit();
            return removed;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _stepWriter?.Dispose();
        _writer.Dispose();
        _writeGate.Dispose();
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
