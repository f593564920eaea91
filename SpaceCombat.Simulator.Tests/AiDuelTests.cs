using System.Collections.Concurrent;
using System.Diagnostics;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;
using Xunit.Abstractions;

namespace SpaceCombat.Simulator.Tests;

/// <summary>
/// The AI's whole-roster duel: 49,000 battles are a simulation run, so they sit with the simulator's tests and keep the
/// rules tests (SpaceCombat.Core.Tests) well under a minute.
/// </summary>
public class AiDuelTests(ITestOutputHelper output)
{
    private const int BattlesPerPairing = 1000;

    /// <summary>
    /// Section 10: AI against AI, every ordered pairing (49, mirrors included), 1,000 battles each with the start band cycling
    /// through all seven bands: every battle finishes with exactly one result, fewer than 1 % are draws, and no salvo is
    /// launched whose check needs more than 9.
    /// </summary>
    [Fact]
    public void Section10_AiAgainstAiEveryPairingFinishesAndFewerThanOnePercentAreDraws()
    {
        var pairings = (from one in ShipRoster.All from two in ShipRoster.All select (One: one.Id, Two: two.Id)).ToArray();
        Assert.Equal(49, pairings.Length);
        var draws = new ConcurrentDictionary<(string, string), int>();
        var problems = new ConcurrentQueue<string>();
        long total = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(
            Enumerable.Range(0, pairings.Length * BattlesPerPairing),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            index =>
            {
                var pairing = pairings[index / BattlesPerPairing];
                var n = index % BattlesPerPairing;
                var band = RangeTable.Bands[n % RangeTable.Bands.Count];
                var ended = 0;
                string? badLaunch = null;
                var battle = AiDuel.Play(new BattleSetup(pairing.One, pairing.Two, band), new SeededDice(index), e =>
                {
                    switch (e)
                    {
                        case BattleEnded:
                            ended++;
                            break;
                        case MissilesLaunched m when DamageOdds.ScoreNeeded(m.Check.Modifiers.Sum(x => x.Value)) > DamageOdds.HighestScoreWorthAMissile:
                            badLaunch = $"{pairing} seed {index}: salvo launched needing {DamageOdds.ScoreNeeded(m.Check.Modifiers.Sum(x => x.Value))}";
                            break;
                    }
                });
                Interlocked.Increment(ref total);
                if (battle.Outcome is null || ended != 1)
                {
                    problems.Enqueue($"{pairing} seed {index}: outcome {battle.Outcome}, {ended} BattleEnded events");
                }
                if (badLaunch is not null)
                {
                    problems.Enqueue(badLaunch);
                }
                if (battle.Outcome is { IsDraw: true })
                {
                    draws.AddOrUpdate(pairing, 1, (_, c) => c + 1);
                }
            });
        var drawCount = draws.Values.Sum();
        output.WriteLine($"{total} battles in {clock.Elapsed.TotalSeconds:F1} s, {drawCount} draws ({100.0 * drawCount / total:F2} %)");
        foreach (var (pairing, count) in draws.OrderByDescending(d => d.Value))
        {
            output.WriteLine($"  {pairing}: {count} draws");
        }
        Assert.Equal(pairings.Length * BattlesPerPairing, total);
        Assert.Empty(problems.Take(20));
        Assert.True(drawCount < total / 100.0, $"{drawCount} of {total} battles were draws: " + string.Join(", ", draws.OrderByDescending(d => d.Value).Take(10)));
    }
}
