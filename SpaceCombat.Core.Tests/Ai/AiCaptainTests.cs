using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Ai;

public class AiCaptainTests
{
    /// <summary>Lets the captain play its whole turn; returns the commands it gave (each must be accepted).</summary>
    private static List<BattleCommand> PlayTurn(Battle battle, AiCaptain captain)
    {
        var commands = new List<BattleCommand>();
        var turn = battle.Snapshot.TurnNumber;
        while (battle.Snapshot.TurnNumber == turn && !battle.Snapshot.IsOver)
        {
            var command = captain.Decide(battle.Snapshot);
            Assert.NotNull(command);
            commands.Add(command);
            var result = battle.Execute(command);
            Assert.True(result.Accepted, $"{command}: {result.Refusal}");
            Assert.True(commands.Count < 20, "the captain does not end its turn");
        }
        return commands;
    }

    [Fact]
    public void Section10_ItGivesNoCommandOutOfTurnOrAfterTheEnd()
    {
        var t = Scenario.Start("scout", "seeker");
        Assert.Null(new AiCaptain(Side.Two).Decide(t.Snapshot));
        t.Accept(new Surrender(Side.Two));
        Assert.Null(new AiCaptain(Side.One).Decide(t.Snapshot));
    }

    [Theory]
    [InlineData("free_trader", "free_trader", RangeBand.Distant)]
    [InlineData("free_trader", "seeker", RangeBand.Long)]
    [InlineData("far_trader", "free_trader", RangeBand.VeryLong)]
    public void Section10_ItClosesFromOutOfRangeAndEndsItsTurn(string me, string enemy, RangeBand band)
    {
        var t = Scenario.Start(me, enemy, Side.One, band);
        var commands = PlayTurn(t.Battle, new AiCaptain(Side.One));
        Assert.Equal(new Manoeuvre(Side.One, ManoeuvreDirection.Close, ShipRoster.Get(me).Thrust), commands[0]);
        Assert.IsType<EndTurn>(commands[^1]);
        Assert.Equal(2, commands.Count);
    }

    public static TheoryData<string, string, RangeBand> AllPairingsAndBands()
    {
        var data = new TheoryData<string, string, RangeBand>();
        foreach (var me in ShipRoster.All)
        {
            foreach (var enemy in ShipRoster.All)
            {
                foreach (var band in RangeTable.Bands)
                {
                    data.Add(me.Id, enemy.Id, band);
                }
            }
        }
        return data;
    }

    /// <summary>
    /// Whether the manoeuvre is toward a band where someone can attack (or closes when nothing reaches at the current band);
    /// at its best band, whether it keeps the range there.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllPairingsAndBands))]
    public void Section10_ItNeverMovesTowardABandWhereNeitherShipCanAttack(string me, string enemy, RangeBand band)
    {
        var t = Scenario.Start(me, enemy, Side.One, band);
        var command = new AiCaptain(Side.One).Decide(t.Snapshot);
        Assert.NotNull(command);
        if (command is not Manoeuvre manoeuvre)
        {
            return;
        }
        var mine = t.Snapshot.One;
        var theirs = t.Snapshot.Two;
        if (AiCaptain.BestBand(band, mine, theirs) == band)
        {
            // At its best band it only banks thrust against the enemy's wish, never enough to move the range.
            Assert.Equal(band, RangeManoeuvre.Apply(band, t.Snapshot.Pool, manoeuvre.Direction, manoeuvre.Thrust)!.Value.Band);
            return;
        }
        bool AnyoneCan(RangeBand b) => DamageOdds.CanAttack(mine, theirs, b) || DamageOdds.CanAttack(theirs, mine, b);
        var toward = manoeuvre.Direction == ManoeuvreDirection.Close ? band - 1 : band + 1;
        Assert.InRange(toward, RangeBand.Adjacent, RangeBand.Distant);
        if (!AnyoneCan(band))
        {
            Assert.Equal(ManoeuvreDirection.Close, manoeuvre.Direction);
        }
        else
        {
            Assert.True(AnyoneCan(toward), $"{me} moves {manoeuvre.Direction} from {band} toward {toward} where neither can attack");
        }
    }

    [Theory]
    [InlineData("scout", RangeBand.Long, true)] // 2D + 1 − 2 needs 9
    [InlineData("scout", RangeBand.VeryLong, false)] // needs 11
    [InlineData("patrol_corvette", RangeBand.VeryLong, false)] // 2D + 2 − 4 needs 10
    [InlineData("patrol_corvette", RangeBand.Distant, false)]
    public void Section10_ItLaunchesMissilesOnlyWhenTheCheckNeeds9OrLess(string ship, RangeBand band, bool launches)
    {
        var battle = Battle.Start(new BattleSetup(ship, "free_trader", band), new PrefixDice(7, Scenario.InitiativeFor(Side.One)));
        var commands = PlayTurn(battle, new AiCaptain(Side.One));
        Assert.Equal(launches, commands.OfType<LaunchMissiles>().Any());
        Assert.IsType<EndTurn>(commands[^1]);
    }

    [Fact]
    public void Section10_ItUsesPointDefenceAgainstAnInboundSalvoWhenWorthIt()
    {
        var battle = Battle.Start(new BattleSetup("patrol_corvette", "far_trader", RangeBand.Medium), new PrefixDice(3, [.. Scenario.InitiativeFor(Side.One), 6, 6]));
        var launch = battle.Execute(new LaunchMissiles(Side.One, 2)).Events.Single<MissilesLaunched>();
        battle.Execute(new LaunchMissiles(Side.One, 3));
        battle.Execute(new EndTurn(Side.One));
        var commands = PlayTurn(battle, new AiCaptain(Side.Two));
        var defences = commands.OfType<PointDefence>().ToList();
        Assert.NotEmpty(defences);
        Assert.Contains(defences, d => d.SalvoId == launch.SalvoId);
    }

    [Fact]
    public void Section10_ItDoesNotUsePointDefenceWhenNothingIsInbound()
    {
        var battle = Battle.Start(new BattleSetup("far_trader", "patrol_corvette", RangeBand.Medium), new PrefixDice(3, Scenario.InitiativeFor(Side.One)));
        var commands = PlayTurn(battle, new AiCaptain(Side.One));
        Assert.Empty(commands.OfType<PointDefence>());
    }

    /// <summary>
    /// A Free Trader (beam lasers, Medium, Thrust 1) at Long against a Scout (pulse laser, Thrust 2) that cancels every attempt to close:
    /// it cannot attack, the enemy's lasers can, and it cannot change the range, so on its 20th such turn it surrenders.
    /// </summary>
    [Fact]
    public void Section10_ItSurrendersAfter20OutmatchedTurns()
    {
        var t = Scenario.Start("scout", "free_trader", Side.One, RangeBand.Long);
        var captain = new AiCaptain(Side.Two);
        for (var turn = 1; turn <= 20; turn++)
        {
            if (!t.Snapshot.Pool.IsEmpty)
            {
                t.Accept(new Manoeuvre(Side.One, ManoeuvreDirection.Open, t.Snapshot.Pool.Thrust));
            }
            t.EndTurn();
            var commands = PlayTurn(t.Battle, captain);
            Assert.Equal(turn, captain.OutmatchedTurns);
            if (turn < 20)
            {
                Assert.Equal(new Manoeuvre(Side.Two, ManoeuvreDirection.Close, 1), commands[0]);
                Assert.IsType<EndTurn>(commands[^1]);
            }
            else
            {
                Assert.Equal(new Surrender(Side.Two), Assert.Single(commands));
            }
        }
        Assert.Equal(new BattleOutcome(Side.One, BattleEndReason.Surrendered, 20), t.Snapshot.Outcome);
        Assert.Equal(0, t.Dice.Remaining);
    }

    [Fact]
    public void Section10_TheOutmatchedCountRestartsWhenItCanAttack()
    {
        // The scout lets the Free Trader close: ten turns of Thrust 1 take it from Long to Medium, where its beams reach.
        var battle = Battle.Start(new BattleSetup("scout", "free_trader", RangeBand.Long), new PrefixDice(11, Scenario.InitiativeFor(Side.One)));
        var captain = new AiCaptain(Side.Two);
        var counts = new List<int>();
        for (var turn = 1; turn <= 11; turn++)
        {
            battle.Execute(new EndTurn(Side.One));
            PlayTurn(battle, captain);
            counts.Add(captain.OutmatchedTurns);
        }
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0], counts);
    }

    [Fact]
    public void Section10_DamageOddsAreExact()
    {
        Assert.Equal(1.0, DamageOdds.Distribution(2).Sum(), 12);
        Assert.Equal(6.0 / 36, DamageOdds.Distribution(2)[7], 12);
        Assert.Equal(15.0 / 36, DamageOdds.CheckChance(0), 12);
        Assert.Equal(0.0, DamageOdds.CheckChance(-5), 12);
        Assert.Equal(1.0, DamageOdds.CheckChance(6), 12);
        Assert.Equal(3.5, DamageOdds.ExpectedPositive(1, 0), 12);
        Assert.Equal(0.0, DamageOdds.ExpectedPositive(2, -12), 12);
        Assert.Equal(9, DamageOdds.ScoreNeeded(-1));
    }
}
