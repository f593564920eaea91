using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpaceCombat.Core.Battles;
using SQLitePCL;

namespace SpaceCombat.Web.Battles.Journal;

/// <summary>
/// Writes a journal step (the battle row's update and the step's logbook entries) through two statements prepared once
/// on the journal's writer connection, binding each value as UTF-8 straight from a reused JSON buffer. Through
/// <see cref="SqliteCommand"/> every value became a JSON string, then UTF-8 again, and every statement run made a
/// reader, a statement list and a binder per parameter: about 7 % of the server's allocations in sustained play.
/// Its transactions too are begun and ended through statements prepared once (a <see cref="SqliteTransaction"/> made
/// two commands, a reader and hooks per batch). Not thread-safe: the journal uses it only under its write gate.
/// </summary>
internal sealed class SqliteStepWriter : IDisposable
{
    private const string UpdateSql = """
        UPDATE battle SET seats = coalesce($seats, seats), opening = coalesce(opening, $opening), last_write = $at,
            last_activity = coalesce($activity, last_activity), ended = coalesce(ended, $ended)
        WHERE code = $code
        """;

    private const string AppendSql = "INSERT INTO entry (code, number, entry) VALUES ($code, $number, $entry) ON CONFLICT DO NOTHING";

    /// <summary>Battle codes are short; a longer one (never made by the app) is encoded on the heap.</summary>
    private const int StackCodeBytes = 128;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly sqlite3_stmt _update;
    private readonly sqlite3_stmt _append;
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private readonly Utf8JsonWriter _jsonWriter;
    private readonly (int Code, int Seats, int Opening, int At, int Activity, int Ended) _updateAt;
    private readonly (int Code, int Number, int Entry) _appendAt;

    public SqliteStepWriter(SqliteConnection writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _database = writer.Handle ?? throw new InvalidOperationException("The journal's writer connection is not open.");
        // Immediate: the writer takes the write lock as it begins, as SqliteTransaction does.
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _update = Prepare(UpdateSql);
        _append = Prepare(AppendSql);
        _updateAt = (Index(_update, "$code"), Index(_update, "$seats"), Index(_update, "$opening"), Index(_update, "$at"),
            Index(_update, "$activity"), Index(_update, "$ended"));
        _appendAt = (Index(_append, "$code"), Index(_append, "$number"), Index(_append, "$entry"));
        // The journal's JSON options write the same text into this writer as into a string (its encoder and indentation).
        _jsonWriter = new Utf8JsonWriter(_json, new JsonWriterOptions
        {
            Encoder = BattleJson.Options.Encoder,
            Indented = BattleJson.Options.WriteIndented,
            SkipValidation = true,
        });
    }

    /// <summary>Writes every step in one transaction: all of them or, when one fails (its exception thrown), none.</summary>
    public void WriteAll(IReadOnlyList<(string Code, JournalStep Step)> steps)
    {
        Run(_begin);
        try
        {
            for (var i = 0; i < steps.Count; i++)
            {
                Write(steps[i].Code, steps[i].Step);
            }
            Run(_commit);
        }
        catch
        {
            // Nothing of the batch is kept; a failed COMMIT may have ended the transaction already.
            if (raw.sqlite3_get_autocommit(_database) == 0)
            {
                Run(_rollback);
            }
            throw;
        }
    }

    /// <summary>Writes one step of battle <paramref name="code"/>; throws when the battle has no row (it was never reserved).</summary>
    private void Write(string code, JournalStep step)
    {
        // Each statement is reset as it is run (Run), and a binding overwrites the last: nothing to undo on failure.
        BindCode(_update, _updateAt.Code, code);
        BindJson(_update, _updateAt.Seats, step.Seats);
        BindJson(_update, _updateAt.Opening, step.Opening);
        Check(raw.sqlite3_bind_int64(_update, _updateAt.At, step.At.UtcTicks));
        Check(step.Activity is { } activity ? raw.sqlite3_bind_int64(_update, _updateAt.Activity, activity.UtcTicks) : raw.sqlite3_bind_null(_update, _updateAt.Activity));
        BindJson(_update, _updateAt.Ended, step.Ended);
        Run(_update);
        if (raw.sqlite3_changes(_database) != 1)
        {
            throw new InvalidOperationException($"Battle {code} was not reserved in the journal.");
        }
        BindCode(_append, _appendAt.Code, code);
        for (var i = 0; i < step.Entries.Count; i++)
        {
            Check(raw.sqlite3_bind_int64(_append, _appendAt.Number, step.FirstEntryNumber + i));
            BindJson(_append, _appendAt.Entry, step.Entries[i]);
            Run(_append);
        }
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _update.Dispose();
        _append.Dispose();
        _jsonWriter.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_database, sql, out var statement));
        return statement;
    }

    private static int Index(sqlite3_stmt statement, string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        return index > 0 ? index : throw new InvalidOperationException($"The journal's statement has no parameter {name}.");
    }

    private void BindCode(sqlite3_stmt statement, int index, string code)
    {
        var length = Encoding.UTF8.GetMaxByteCount(code.Length);
        Span<byte> bytes = length <= StackCodeBytes ? stackalloc byte[StackCodeBytes] : new byte[length];
        var written = Encoding.UTF8.GetBytes(code, bytes);
        // SQLite copies the bytes (the binding is transient), so the stack buffer may go.
        Check(raw.sqlite3_bind_text(statement, index, bytes[..written]));
    }

    private void BindJson<T>(sqlite3_stmt statement, int index, T? value)
        where T : class
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }
        _json.ResetWrittenCount();
        _jsonWriter.Reset(_json);
        JsonSerializer.Serialize(_jsonWriter, value, BattleJson.Options);
        _jsonWriter.Flush();
        Check(raw.sqlite3_bind_text(statement, index, _json.WrittenSpan));
    }

    private void Run(sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
