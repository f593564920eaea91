using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;
using Xunit.Abstractions;

namespace SpaceCombat.Core.Tests.Ai;

/// <summary>RULES.md 10.1: the AI manoeuvres toward the band it ranks best and never spends thrust that carries the range away from it.</summary>
public class AiManoeuvreTests(ITestOutputHelper output)
{
    private const int BattlesPerPairingAndBand = 3;

    /// <summary>
    /// Side One (acting first) gives the scripted manoeuvre, if any, and ends its turn; then the AI on Side Two decides.
    /// The Patrol Corvette ranks Short best (its +1 DM) against both ships here; the Scout would rather open.
    /// </summary>
    [Theory]
    // The audit's case: the Scout opens 1 at Short; spending all 4 Thrust to close would move the range to Close. The
    // Corvette spends 2: it cancels the 1 and banks 1 toward closing, which the Scout's 2 cannot overcome next turn.
    [InlineData("scout", "patrol_corvette", RangeBand.Short, ManoeuvreDirection.Open, 1, ManoeuvreDirection.Close, 2, RangeBand.Short)]
    // Nothing banked at its best band: it banks what keeps the band (1 of Short's 2) against the Scout's wish to open.
    [InlineData("scout", "patrol_corvette", RangeBand.Short, null, 0, ManoeuvreDirection.Close, 1, RangeBand.Short)]
    // Away from its best band it spends all its Thrust toward it (Medium takes 5 to leave).
    [InlineData("scout", "patrol_corvette", RangeBand.Medium, null, 0, ManoeuvreDirection.Close, 4, RangeBand.Medium)]
    [InlineData("scout", "patrol_corvette", RangeBand.Medium, ManoeuvreDirection.Open, 2, ManoeuvreDirection.Close, 4, RangeBand.Medium)]
    [InlineData("scout", "patrol_corvette", RangeBand.Close, null, 0, ManoeuvreDirection.Open, 4, RangeBand.Short)]
    // A mirror match at the band both rank best: it pushes back against the pool, and spends nothing when none is banked.
    [InlineData("patrol_corvette", "patrol_corvette", RangeBand.Short, ManoeuvreDirection.Open, 1, ManoeuvreDirection.Close, 2, RangeBand.Short)]
    [InlineData("patrol_corvette", "patrol_corvette", RangeBand.Short, ManoeuvreDirection.Close, 1, ManoeuvreDirection.Open, 2, RangeBand.Short)]
    [InlineData("patrol_corvette", "patrol_corvette", RangeBand.Short, null, 0, null, 0, RangeBand.Short)]
    public void Section10_1_ItSpendsOnlyTheThrustThatKeepsOrReachesItsBestBand(
        string one, string two, RangeBand band, ManoeuvreDirection? scripted, int scriptedThrust,
        ManoeuvreDirection? expected, int expectedThrust, RangeBand bandAfter)
    {
        var t = Scenario.Start(one, two, Side.One, band);
        if (scripted is { } direction)
        {
            t.Accept(new Manoeuvre(Side.One, direction, scriptedThrust));
        }
        t.EndTurn();
        var snapshot = t.Snapshot;
        var corvetteBest = AiCaptain.BestBand(snapshot.Band, snapshot.Two, snapshot.One);
        Assert.Equal(RangeBand.Short, corvetteBest);

        var command = new AiCaptain(Side.Two).Decide(snapshot);

        if (expected is { } wanted)
        {
            Assert.Equal(new Manoeuvre(Side.Two, wanted, expectedThrust), command);
            t.Accept(command!);
        }
        else
        {
            Assert.IsNotType<Manoeuvre>(command);
        }
        Assert.Equal(bandAfter, t.Snapshot.Band);
    }

    /// <summary>
    /// AI against AI, every ordered pairing from every start band, a few seeded battles each: no manoeuvre either captain
    /// makes leaves the band its own §10.1 score ranks best, or moves the range farther from it; every battle ends with
    /// one result and fewer than 1 % are draws.
    /// </summary>
    [Fact]
    public void Section10_1_AiAgainstAiNoManoeuvreMovesAShipAwayFromItsBestBand()
    {
        var cases = (from one in ShipRoster.All
                     from two in ShipRoster.All
                     from band in RangeTable.Bands
                     from n in Enumerable.Range(0, BattlesPerPairingAndBand)
                     select (One: one.Id, Two: two.Id, Band: band, Seed: 7919 * n + 31 * (int)band)).ToArray();
        var violations = new List<string>();
        var manoeuvres = 0;
        var holds = 0;
        var draws = 0;
        foreach (var (one, two, startBand, seed) in cases)
        {
            var battle = Battle.Start(new BattleSetup(one, two, startBand), new SeededDice(seed));
            AiCaptain[] captains = [new AiCaptain(Side.One), new AiCaptain(Side.Two)];
            while (battle.Outcome is null)
            {
                captains[battle.ActiveSide == Side.One ? 0 : 1].PlayTurn(battle, (_, result) =>
                {
                    foreach (var moved in result.Events.OfType<Manoeuvred>())
                    {
                        // A manoeuvre changes no ship, so the ships after it are the ships the captain judged.
                        var ships = battle.Snapshot;
                        var best = AiCaptain.BestBand(moved.From, ships.Ship(moved.Side), ships.Ship(moved.Side.Opponent()));
                        manoeuvres++;
                        holds += moved.From == best ? 1 : 0;
                        if ((moved.From == best && moved.To != best) || Math.Abs(moved.To - best) > Math.Abs(moved.From - best))
                        {
                            violations.Add($"{one} v {two} from {startBand} seed {seed}, round {moved.Round}: {moved.Side} best {best}, "
                                + $"{moved.Direction} {moved.Thrust} moved {moved.From} → {moved.To}");
                        }
                    }
                });
            }
            draws += battle.Outcome.IsDraw ? 1 : 0;
        }

        output.WriteLine($"{cases.Length} battles, {manoeuvres} manoeuvres ({holds} at the mover's best band), {violations.Count} away from it, "
            + $"{draws} draws ({100.0 * draws / cases.Length:F2} %)");
        Assert.True(holds > 100, $"only {holds} manoeuvres at the mover's best band: the property is not exercised");
        Assert.True(violations.Count == 0, $"{violations.Count} manoeuvres away from the mover's best band, e.g.\n" + string.Join("\n", violations.Take(10)));
        Assert.True(draws < cases.Length / 100.0, $"{draws} of {cases.Length} battles were draws");
    }
}
