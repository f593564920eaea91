using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;
using Xunit.Abstractions;

namespace SpaceCombat.Core.Tests.Logbook;

/// <summary>
/// Property test over 10,000 random battles (<see cref="Skirmish"/>: random ships, bands, round limits, AI or person
/// on each side, timeouts, surrenders, forfeits): each is played to its end while its logbook is written as JSON text,
/// as the server would store it; then, from a random accepted command, the battle is restored from that text and played
/// on with the same dice and the same choices. The restored battle must replay the same events, give the same events
/// after the stop, write the same logbook entries (captains' memory included) and end in the same state.
/// </summary>
public class RestorePropertyTests(ITestOutputHelper output)
{
    private const int BattleCount = 10_000;
    private const int StepLimit = 100_000;

    [Fact]
    public void ABattleRestoredFromItsLogbookAtAnyAcceptedCommandPlaysOnExactlyAsTheUninterruptedOne()
    {
        var failures = new ConcurrentQueue<string>();
        var tally = new ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, BattleCount, seed =>
        {
            try
            {
                if (Run(seed, tally) is { } problem)
                {
                    failures.Enqueue($"seed {seed}: {problem}");
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"seed {seed}: {e}");
            }
        });
        output.WriteLine($"{BattleCount} battles in {clock.Elapsed.TotalSeconds:F1} s, {failures.Count} failed");
        foreach (var (name, count) in tally.OrderBy(t => t.Key))
        {
            output.WriteLine($"  {name}: {count:N0}");
        }
        Assert.Empty(failures.Take(5));
        Assert.True(tally.GetValueOrDefault("stopped in an AI's turn") > 100, "few stops fell in an AI's turn");
        Assert.True(tally.GetValueOrDefault("AI surrendered after the stop") > 10, "few AI surrenders came after the stop");
        Assert.True(tally.GetValueOrDefault("timed-out turns") > 1000, "few turns timed out");
    }

    private static string? Run(int seed, ConcurrentDictionary<string, long> tally)
    {
        // The uninterrupted battle, its logbook written as JSON text entry by entry, with the whims and the number of
        // events as they stood after each entry.
        var whims = new Whims((ulong)seed);
        var (setup, aiSides) = Skirmish.Draw(ref whims);
        var original = BattleLogbook.Start(setup, new SeededDice(seed), aiSides);
        var openingText = JsonSerializer.Serialize(original.Opening, BattleJson.Options);
        var events = original.StartEvents.ToList();
        var marks = new List<(Whims Whims, int Events)> { (whims, events.Count) };
        var entryTexts = new List<string>();
        var faces = new List<int[]>();
        for (var steps = 0; original.Snapshot.Outcome is null; steps++)
        {
            if (steps == StepLimit)
            {
                return "the battle never ended";
            }
            Skirmish.Step(original, ref whims, accepted =>
            {
                events.AddRange(accepted);
                marks.Add((whims, events.Count));
            });
            foreach (var entry in original.TakeNewEntries())
            {
                entryTexts.Add(JsonSerializer.Serialize(entry, BattleJson.Options));
                faces.Add([.. entry.Faces]);
            }
        }
        if (entryTexts.Count != marks.Count - 1)
        {
            return $"{entryTexts.Count} entries for {marks.Count - 1} accepted commands";
        }

        // Restore from the text as stored at a random accepted command, and play on with the same dice and whims.
        var stop = new Random(seed).Next(entryTexts.Count + 1);
        var (resumeWhims, eventsAtStop) = marks[stop];
        var replayed = new List<BattleEvent>();
        var dice = new ScriptedDice(faces.Skip(stop).SelectMany(f => f));
        var restored = BattleLogbook.Restore(
            BattleJson.Read<LogbookOpening>(openingText),
            entryTexts.Take(stop).Select(BattleJson.Read<LogbookEntry>),
            dice,
            replayed.Add);
        // Writing every event as JSON costs more than playing it: the replayed log is compared in full for one battle in
        // ten, by event types for the others; the events after the stop always in full.
        var inFull = seed % 10 == 0;
        if (Mismatch(Texts(events.Take(eventsAtStop), inFull), Texts(replayed, inFull), "replayed") is { } replayProblem)
        {
            return replayProblem;
        }
        var stoppedInAiTurn = restored.Snapshot.ActiveSide is { } activeAtStop && aiSides.Contains(activeAtStop);
        var after = new List<BattleEvent>();
        whims = resumeWhims;
        for (var steps = 0; restored.Snapshot.Outcome is null; steps++)
        {
            if (steps == StepLimit)
            {
                return "the restored battle never ended";
            }
            Skirmish.Step(restored, ref whims, after.AddRange);
        }
        if (Mismatch(Texts(events.Skip(eventsAtStop), true), Texts(after, true), $"after stopping at entry {stop} of {entryTexts.Count}") is { } afterProblem)
        {
            return afterProblem;
        }
        var written = restored.TakeNewEntries().Select(e => JsonSerializer.Serialize(e, BattleJson.Options));
        if (Mismatch(entryTexts.Skip(stop), written, "written after the stop") is { } entryProblem)
        {
            return entryProblem;
        }
        if (dice.Remaining != 0)
        {
            return $"the restored battle left {dice.Remaining} of the original's faces unrolled";
        }
        if (SnapshotText.Of(original.Snapshot) != SnapshotText.Of(restored.Snapshot))
        {
            return $"the final states differ:\n{SnapshotText.Of(original.Snapshot)}---\n{SnapshotText.Of(restored.Snapshot)}";
        }

        Add(tally, "entries", entryTexts.Count);
        Add(tally, "entry bytes (UTF-8 JSON)", entryTexts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)));
        Count(tally, $"ended: {original.Snapshot.Outcome!.Reason}");
        Count(tally, $"AI sides: {aiSides.Length}");
        if (stoppedInAiTurn)
        {
            Count(tally, "stopped in an AI's turn");
        }
        if (original.Snapshot.Outcome is { Reason: BattleEndReason.Surrendered, Loser: { } loser } && aiSides.Contains(loser)
            && entryTexts.Skip(stop).Any(t => t.Contains("\"surrender\"", StringComparison.Ordinal) && t.Contains("\"captain\"", StringComparison.Ordinal)))
        {
            Count(tally, "AI surrendered after the stop");
        }
        Add(tally, "timed-out turns", events.Count(e => e is TurnEnded { Reason: TurnEndReason.TimerExpired }));
        return null;
    }

    private static void Count(ConcurrentDictionary<string, long> tally, string name) => Add(tally, name, 1);

    private static void Add(ConcurrentDictionary<string, long> tally, string name, long count) => tally.AddOrUpdate(name, count, (_, c) => c + count);

    /// <summary>Each event as JSON text (the contract a viewer reads), or only its type name when not compared in full.</summary>
    private static IEnumerable<string> Texts(IEnumerable<BattleEvent> events, bool inFull) =>
        events.Select(e => inFull ? BattleJson.WriteEvent(e) : e.GetType().Name);

    private static string? Mismatch(IEnumerable<string> expected, IEnumerable<string> actual, string what)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
        {
            var x = i < e.Count ? e[i] : "(none)";
            var y = i < a.Count ? a[i] : "(none)";
            if (x != y)
            {
                return $"{what}: item {i} of {e.Count} differs:\n  expected {x}\n  actual   {y}";
            }
        }
        return null;
    }
}
