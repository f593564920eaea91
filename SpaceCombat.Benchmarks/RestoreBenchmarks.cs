using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;

namespace SpaceCombat.Benchmarks;

/// <summary>
/// Restoring the <see cref="LongBattle"/> (200 rounds) from its logbook, as a battle's host does when it comes back
/// after a restart: from entries already read, and from the stored JSON text; and writing every entry as JSON, the
/// write-ahead cost of the whole battle.
/// </summary>
[MemoryDiagnoser]
public class RestoreBenchmarks
{
    private StoredLogbook _stored = null!;

    [GlobalSetup]
    public void Setup() => _stored = LongBattle.Logbook;

    [Benchmark(Baseline = true, Description = "Restore: replay the entries")]
    public long ReplayEntries() =>
        BattleLogbook.Restore(_stored.Opening, _stored.Entries, CryptoDice.Instance).Snapshot.Version;

    [Benchmark(Description = "Restore: read the JSON and replay")]
    public long ReadAndReplay() =>
        BattleLogbook.Restore(
            BattleJson.Read<LogbookOpening>(_stored.OpeningJson),
            _stored.EntryLines.Select(BattleJson.Read<LogbookEntry>),
            CryptoDice.Instance).Snapshot.Version;

    [Benchmark(Description = "Write every entry as JSON")]
    public long WriteEntries()
    {
        var bytes = 0L;
        foreach (var entry in _stored.Entries)
        {
            bytes += JsonSerializer.SerializeToUtf8Bytes(entry, BattleJson.Options).Length;
        }
        return bytes;
    }
}
