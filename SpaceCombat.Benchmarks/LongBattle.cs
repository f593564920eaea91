using System.Text.Json;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Benchmarks;

/// <summary>A battle's logbook as the server would store it: the opening and one JSON line per accepted command.</summary>
public sealed record StoredLogbook(LogbookOpening Opening, IReadOnlyList<LogbookEntry> Entries, string OpeningJson, IReadOnlyList<string> EntryLines, BattleOutcome Outcome)
{
    public long EntryBytes => EntryLines.Sum(l => (long)System.Text.Encoding.UTF8.GetByteCount(l));
}

/// <summary>
/// The longest battle the game allows: two AI-commanded scouts at Medium still fighting when the 200-round limit ends
/// it. Scout mirrors are the pairing that reaches the limit (a few battles in a thousand); the seed is the first from 1
/// that does with the AI as it plays now, so a change to the AI moves the seed, not the battle's length.
/// Played once through a logbook, every entry written as the server writes it.
/// </summary>
public static class LongBattle
{
    private const int SeedsTried = 20_000;

    public static BattleSetup Setup { get; } = new("scout", "scout", RangeBand.Medium);

    private static readonly Lazy<(int Seed, StoredLogbook Logbook)> Found = new(Find);

    public static int Seed => Found.Value.Seed;

    public static StoredLogbook Logbook => Found.Value.Logbook;

    private static (int, StoredLogbook) Find()
    {
        for (var seed = 1; seed <= SeedsTried; seed++)
        {
            if (AiDuel.Play(Setup, new SeededDice(seed)).Outcome!.Reason == BattleEndReason.RoundLimit)
            {
                return (seed, Play(Setup, seed));
            }
        }
        throw new InvalidOperationException($"No scout mirror of seeds 1 to {SeedsTried} reached the round limit.");
    }

    public static StoredLogbook Play(BattleSetup setup, int seed)
    {
        var logbook = BattleLogbook.Start(setup, new SeededDice(seed), Side.One, Side.Two);
        while (logbook.Snapshot.Outcome is null)
        {
            logbook.PlayAiTurn();
        }
        var entries = logbook.TakeNewEntries();
        return new StoredLogbook(
            logbook.Opening,
            entries,
            JsonSerializer.Serialize(logbook.Opening, BattleJson.Options),
            entries.Select(e => JsonSerializer.Serialize(e, BattleJson.Options)).ToArray(),
            logbook.Snapshot.Outcome!);
    }
}
