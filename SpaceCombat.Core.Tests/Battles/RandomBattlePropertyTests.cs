using System.Collections.Concurrent;
using System.Diagnostics;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;
using Xunit.Abstractions;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>
/// Property test over 10,000 seeded random battles between random ships, fed random legal and illegal commands:
/// every battle ends with exactly one result; hull and ammunition never go below zero; no turret acts twice in a turn;
/// a refused command changes nothing (state compared by value) and rolls no die; nothing throws.
/// </summary>
public class RandomBattlePropertyTests(ITestOutputHelper output)
{
    private const int BattleCount = 10_000;
    private const int CommandsPerBattle = 60;
    private const int CommandsPerLongBattle = 500;

    private static readonly int[] Thrusts = [int.MinValue, -3, -1, 0, 1, 1, 2, 2, 3, 4, 5, 7, 50, int.MaxValue];

    [Fact]
    public void Section4_RandomCommandsAlwaysEndWithOneResultAndRefusalsChangeNothing()
    {
        var failures = new ConcurrentQueue<string>();
        var reasons = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, BattleCount, seed =>
        {
            try
            {
                var problem = Run(seed, reasons);
                if (problem is not null)
                {
                    failures.Enqueue($"seed {seed}: {problem}");
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"seed {seed}: {e}");
            }
        });
        output.WriteLine($"{BattleCount} battles in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (reason, count) in reasons.OrderBy(r => r.Key))
        {
            output.WriteLine($"  {reason}: {count}");
        }
        Assert.Empty(failures.Take(10));
        // Every refusal kind shows up, except running out of ammunition, which random battles rarely live long enough
        // to reach (RefusalTests covers it), and NoChance, which only options carry (the engine never refuses by it).
        foreach (var reason in Enum.GetNames<RefusalReason>().Where(r => r is not (nameof(RefusalReason.NoAmmunition) or nameof(RefusalReason.NoChance))))
        {
            Assert.True(reasons.ContainsKey(reason), $"the random commands never produced {reason}");
        }
    }

    private static string? Run(int seed, ConcurrentDictionary<string, int> reasons)
    {
        var rng = new Random(seed);
        var ships = ShipRoster.All;
        var setup = new BattleSetup(
            ships[rng.Next(ships.Count)].Id,
            ships[rng.Next(ships.Count)].Id,
            RangeTable.Bands[rng.Next(RangeTable.Bands.Count)],
            MaxRounds: rng.Next(4) == 0 ? rng.Next(1, 6) : BattleSetup.DefaultMaxRounds);
        var dice = new CountingDice(new SeededDice(seed));
        var battle = Battle.Start(setup, dice);
        var ended = battle.StartEvents.Count(e => e is BattleEnded);
        var used = new HashSet<(int Turn, Side Side, int Turret)>();
        var text = SnapshotText.Of(battle);
        var limit = seed % 10 == 0 ? CommandsPerLongBattle : CommandsPerBattle;
        var afterEnd = 0;

        for (var i = 0; i <= limit && afterEnd < 3; i++)
        {
            var before = battle.Snapshot;
            afterEnd += before.IsOver ? 1 : 0;
            var command = i == limit && !before.IsOver
                ? new Surrender(rng.Next(2) == 0 ? Side.One : Side.Two)
                : RandomCommand(rng, before);
            var rolls = dice.Rolls;
            var result = battle.Execute(command!);
            ended += result.Events.Count(e => e is BattleEnded);
            if (result.Refusal is { } refusal)
            {
                reasons.AddOrUpdate(refusal.Reason.ToString(), 1, (_, c) => c + 1);
                if (result.Events.Count != 0)
                {
                    return $"refused {command} with events";
                }
                if (dice.Rolls != rolls)
                {
                    return $"refused {command} ({refusal.Reason}) rolled dice";
                }
                var after = SnapshotText.Of(battle);
                if (after != text)
                {
                    return $"refused {command} ({refusal.Reason}) changed the battle:\n{text}\n---\n{after}";
                }
                if (before.IsOver != (refusal.Reason == RefusalReason.BattleOver) && refusal.Reason != RefusalReason.InvalidCommand)
                {
                    return $"refused {command} with {refusal.Reason} while over = {before.IsOver}";
                }
                continue;
            }

            if (before.IsOver)
            {
                return $"accepted {command} after the battle ended";
            }
            var turret = command switch
            {
                FireLasers f => f.Turret,
                LaunchMissiles l => l.Turret,
                PointDefence p => p.Turret,
                CastSand s => s.Turret,
                _ => (int?)null,
            };
            if (turret is { } index && !used.Add((before.TurnNumber, command!.Side, index)))
            {
                return $"turret {index} of {command.Side} acted twice in turn {before.TurnNumber}";
            }
            var now = battle.Snapshot;
            foreach (var ship in new[] { now.One, now.Two })
            {
                if (ship.Hull < 0 || ship.Missiles < 0 || ship.Sand < 0 || ship.Hull > ship.MaxHull)
                {
                    return $"{ship.Side} has hull {ship.Hull}, missiles {ship.Missiles}, sand {ship.Sand}";
                }
                if (ship.Criticals.Values.Any(s => s is < 1 or > 6) || ship.Turrets.Any(t => t.Severity is < 0 or > 6))
                {
                    return $"{ship.Side} has a severity out of 0..6";
                }
            }
            if (now.Salvos.Any(s => s.Missiles < 1))
            {
                return "an empty salvo is in flight";
            }
            if (now.IsOver != (ended == 1) || ended > 1)
            {
                return $"{ended} BattleEnded events, over = {now.IsOver}";
            }
            if (now.Outcome is { Reason: BattleEndReason.Destroyed } outcome && now.Ship(outcome.Loser!.Value).Hull != 0)
            {
                return "a ship lost by destruction with hull left";
            }
            text = SnapshotText.Of(battle);
        }

        if (battle.Outcome is null || ended != 1)
        {
            return $"the battle ended with outcome {battle.Outcome} and {ended} BattleEnded events";
        }
        var late = battle.Execute(new EndTurn(Side.One));
        return late.Refusal?.Reason == RefusalReason.BattleOver ? null : "a command after the end was not refused as BattleOver";
    }

    private static BattleCommand? RandomCommand(Random rng, BattleSnapshot s)
    {
        var active = s.ActiveSide ?? Side.One;
        var side = rng.Next(10) switch
        {
            < 7 => active,
            < 9 => active.Opponent(),
            _ => (Side)rng.Next(-1, 5),
        };
        var turrets = s.Ship(active).Turrets.Count;
        int Turret() => rng.Next(12) switch
        {
            0 => rng.Next(int.MinValue, -1),
            1 => rng.Next(turrets, 1000),
            _ => rng.Next(turrets),
        };
        int SalvoId() => rng.Next(4) == 0 || s.Salvos.Count == 0 ? rng.Next(-2, 10) : s.Salvos[rng.Next(s.Salvos.Count)].Id;

        return rng.Next(1000) switch
        {
            < 220 => new FireLasers(side, Turret(), rng.Next(4) == 0 ? (WeaponKind)rng.Next(-1, 6) : null),
            < 350 => new LaunchMissiles(side, Turret()),
            < 450 => new PointDefence(side, Turret(), SalvoId()),
            < 530 => new CastSand(side, Turret()),
            < 670 => new Manoeuvre(side, (ManoeuvreDirection)rng.Next(0, rng.Next(5) == 0 ? 4 : 2), Thrusts[rng.Next(Thrusts.Length)]),
            < 900 => new EndTurn(side),
            < 970 => new ExpireTurn(side, s.TurnNumber + rng.Next(-2, 2)),
            < 990 => null,
            < 994 => new Surrender(side),
            < 997 => new Forfeit(side),
            _ => new Abandon(side),
        };
    }
}
