using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>
/// The odds <see cref="SideActions"/> shows before a click equal the engine's: for each case the 36 outcomes of 2D are
/// played through the engine with scripted dice, and the successes counted must equal the odds' ways, with the very
/// modifiers the engine rolled with.
/// </summary>
public class ActionOddsTests
{
    public enum Kind
    {
        Fire,
        Launch,
        PointDefence,
        Sand,
    }

    /// <summary>One case: the attacker is side One; criticals as (location, severity) pairs; turret 0's Weapon severity.</summary>
    public sealed record Case(string Name, string One, string Two, RangeBand Band, Kind Kind, int Turret, (CriticalLocation Location, int Severity)[] Criticals, int TurretSeverity, string Formula, int Ways)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    [
        new("beam laser at Medium", "free_trader", "scout", RangeBand.Medium, Kind.Fire, 0, [], 0, "2D + Gunner 1 + Range 0 ≥ 8", 21),
        new("pulse laser at Short", "scout", "free_trader", RangeBand.Short, Kind.Fire, 0, [], 0, "2D + Gunner 1 + Range +1 ≥ 8", 26),
        new("pulse laser at Long", "scout", "free_trader", RangeBand.Long, Kind.Fire, 0, [], 0, "2D + Gunner 1 + Range −2 ≥ 8", 10),
        new("missile at Very Long", "scout", "free_trader", RangeBand.VeryLong, Kind.Launch, 0, [], 0, "2D + Gunner 1 + Range −4 ≥ 8", 3),
        new("missile at Distant: no chance", "scout", "free_trader", RangeBand.Distant, Kind.Launch, 0, [], 0, "2D + Gunner 1 + Range −6 ≥ 8", 0),
        new("Sensors 1 at Long", "patrol_corvette", "mercenary_cruiser", RangeBand.Long, Kind.Fire, 0, [(CriticalLocation.Sensors, 1)], 0, "2D + Gunner 2 + Range −2 + Sensors critical −2 ≥ 8", 6),
        new("Crew 2", "patrol_corvette", "mercenary_cruiser", RangeBand.Medium, Kind.Fire, 0, [(CriticalLocation.Crew, 2)], 0, "2D + Gunner 2 + Crew critical −2 + Range 0 ≥ 8", 15),
        new("Computer 4", "patrol_corvette", "mercenary_cruiser", RangeBand.Close, Kind.Fire, 0, [(CriticalLocation.Computer, 4)], 0, "2D + Gunner 2 + Range 0 + Computer critical −4 ≥ 8", 6),
        new("damaged turret", "patrol_corvette", "mercenary_cruiser", RangeBand.Short, Kind.Fire, 0, [], 1, "2D + Gunner 2 + Range +1 + Weapon critical −1 ≥ 8", 26),
        new("salvo with Crew 1 and Computer 2", "patrol_corvette", "mercenary_cruiser", RangeBand.Long, Kind.Launch, 2, [(CriticalLocation.Crew, 1), (CriticalLocation.Computer, 2)], 0, "2D + Gunner 2 + Crew critical −1 + Range −2 + Computer critical −2 ≥ 8", 3),
        new("every critical: no chance", "scout", "free_trader", RangeBand.Long, Kind.Fire, 0, [(CriticalLocation.Crew, 3), (CriticalLocation.Computer, 4), (CriticalLocation.Sensors, 1)], 0, "2D + Gunner 1 + Crew critical −3 + Range −2 + Sensors critical −2 + Computer critical −4 ≥ 8", 0),
        new("point defence, one laser", "scout", "patrol_corvette", RangeBand.Long, Kind.PointDefence, 0, [], 0, "2D + Gunner 1 ≥ 8", 21),
        new("point defence, three lasers", "mercenary_cruiser", "patrol_corvette", RangeBand.Long, Kind.PointDefence, 0, [], 0, "2D + Gunner 2 + Extra lasers +2 ≥ 8", 33),
        new("point defence, Computer 1 and damaged turret", "mercenary_cruiser", "patrol_corvette", RangeBand.Long, Kind.PointDefence, 0, [(CriticalLocation.Computer, 1)], 1, "2D + Gunner 2 + Extra lasers +2 + Computer critical −1 + Weapon critical −1 ≥ 8", 26),
        new("point defence ignores Sensors", "scout", "patrol_corvette", RangeBand.Long, Kind.PointDefence, 0, [(CriticalLocation.Sensors, 1)], 0, "2D + Gunner 1 ≥ 8", 21),
        new("sand with Computer 1", "scout", "free_trader", RangeBand.Medium, Kind.Sand, 0, [(CriticalLocation.Computer, 1)], 0, "2D + Gunner 1 + Computer critical −1 ≥ 8", 15),
    ];

    public static TheoryData<Case> AllCases() => [.. Cases];

    [Theory]
    [MemberData(nameof(AllCases))]
    public void TheOddsShownAreTheEnginesOverAllThirtySixRolls(Case c)
    {
        var option = OptionOf(SideActions.For(Build(c).Snapshot, Side.One), c);
        Assert.True(option.IsLegal, option.Refusal?.Message);
        var odds = option.Odds!;
        Assert.Equal(c.Formula, odds.Formula);
        Assert.Equal(c.Ways, odds.Ways);
        Assert.Equal(c.Ways / 36.0, odds.Chance, 12);

        var successes = 0;
        for (var first = 1; first <= 6; first++)
        {
            for (var second = 1; second <= 6; second++)
            {
                var t = Build(c);
                t.Dice.Add([first, second, .. Enumerable.Repeat(1, 64)]);
                var result = t.Battle.Execute(option.Command);
                Assert.True(result.Accepted, result.Refusal?.Message);
                var check = CheckOf(result.Events);
                Assert.Equal(odds.Modifiers, check.Modifiers);
                Assert.Equal(new[] { first, second }, check.Dice);
                successes += check.Success ? 1 : 0;
            }
        }
        Assert.Equal(successes, odds.Ways);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void TheOddsAreOneSharedInstancePerSetOfModifiersNotOnePerSnapshot(Case c)
    {
        var first = OptionOf(SideActions.For(Build(c).Snapshot, Side.One), c).Odds!;
        var again = OptionOf(SideActions.For(Build(c).Snapshot, Side.One), c).Odds!;
        Assert.Same(first, again);
        Assert.Same(first.Formula, again.Formula);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void AnOptionWithNoChanceIsLegalButNotOffered(Case c)
    {
        var option = OptionOf(SideActions.For(Build(c).Snapshot, Side.One), c);
        if (c.Ways == 0)
        {
            Assert.True(option.IsLegal);
            Assert.False(option.IsAvailable);
            Assert.Equal(RefusalReason.NoChance, option.Unavailable!.Reason);
            Assert.Contains(c.Formula, option.Unavailable.Message);
        }
        else
        {
            Assert.True(option.IsAvailable);
            Assert.Null(option.Unavailable);
        }
    }

    [Theory]
    [InlineData(2, 36, 100)]
    [InlineData(3, 35, 97)]
    [InlineData(6, 26, 72)]
    [InlineData(7, 21, 58)]
    [InlineData(10, 6, 17)]
    [InlineData(12, 1, 3)]
    [InlineData(13, 0, 0)]
    public void WaysAndPercentFollowTheScoreNeeded(int scoreNeeded, int ways, int percent)
    {
        var odds = new CheckOdds([new Modifier("Gunner", CheckRoll.StandardTarget - scoreNeeded)]);
        Assert.Equal(scoreNeeded, odds.ScoreNeeded);
        Assert.Equal(ways, odds.Ways);
        Assert.Equal(percent, odds.Percent);
    }

    [Fact]
    public void EveryOptionOutOfTurnHasTheEnginesReason()
    {
        var t = Scenario.Start("mercenary_cruiser", "patrol_corvette");
        var waiting = SideActions.For(t.Snapshot, Side.Two);
        Assert.False(waiting.CanAct);
        foreach (var option in AllOptions(waiting))
        {
            Assert.Equal(RefusalReason.NotYourTurn, option.Refusal?.Reason);
        }
        Assert.True(waiting.Surrender.IsLegal);
        foreach (var turret in waiting.Turrets.Where(x => x.Turret.Class.HasLaser))
        {
            Assert.Equal(RefusalReason.NotYourTurn, turret.PointDefenceUnavailable?.Reason);
        }
    }

    [Fact]
    public void RefusedOptionsAreRefusedByTheEngineWithTheSameReasonThroughWholeBattles()
    {
        var pairings = new[] { ("scout", "patrol_corvette"), ("mercenary_cruiser", "safari_ship"), ("free_trader", "seeker") };
        var seed = 0;
        foreach (var (one, two) in pairings)
        {
            foreach (var band in new[] { RangeBand.Close, RangeBand.Long, RangeBand.Distant })
            {
                var battle = Battle.Start(new BattleSetup(one, two, band), new SeededDice(++seed));
                var captains = new[] { new AiCaptain(Side.One), new AiCaptain(Side.Two) };
                for (var step = 0; step < 2000 && battle.Outcome is null; step++)
                {
                    foreach (var side in new[] { Side.One, Side.Two })
                    {
                        foreach (var option in AllOptions(SideActions.For(battle.Snapshot, side)).Where(o => !o.IsLegal))
                        {
                            var result = battle.Execute(option.Command);
                            Assert.False(result.Accepted, $"{option.Command} was offered as refused ({option.Refusal!.Message}) but the engine took it");
                            Assert.Equal(option.Refusal, result.Refusal);
                        }
                    }
                    var active = battle.ActiveSide!.Value;
                    var command = captains[active == Side.One ? 0 : 1].Decide(battle.Snapshot) ?? new EndTurn(active);
                    var before = SideActions.For(battle.Snapshot, active);
                    var accepted = battle.Execute(command).Accepted;
                    var offered = AllOptions(before).FirstOrDefault(o => o.Command == command);
                    if (offered is not null)
                    {
                        Assert.Equal(offered.IsLegal, accepted);
                    }
                }
            }
        }
    }

    [Fact]
    public void ManoeuvreOptionsCarryTheEnginesReasons()
    {
        var t = Scenario.Start("scout", "free_trader", band: RangeBand.Adjacent);
        var actions = SideActions.For(t.Snapshot, Side.One);
        Assert.Equal(RefusalReason.RangeLimit, actions.Close.Refusal?.Reason);
        Assert.True(actions.Open.IsLegal);
        Assert.Equal(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 2), actions.Open.Command);
        Assert.Equal(RefusalReason.InvalidThrust, actions.Manoeuvre(ManoeuvreDirection.Open, 3).Refusal?.Reason);
        t.Accept(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 1));
        Assert.Equal(RefusalReason.AlreadyManoeuvred, SideActions.For(t.Snapshot, Side.One).Open.Refusal?.Reason);
    }

    [Fact]
    public void OptionsAreMadeOncePerSnapshotAndSide()
    {
        var t = Scenario.Start("scout", "free_trader");
        Assert.Same(SideActions.For(t.Snapshot, Side.One), SideActions.For(t.Snapshot, Side.One));
        Assert.NotSame(SideActions.For(t.Snapshot, Side.One), SideActions.For(t.Snapshot, Side.Two));
    }

    private static TestBattle Build(Case c)
    {
        if (c.Kind != Kind.PointDefence)
        {
            var t = Scenario.Start(c.One, c.Two, Side.One, c.Band);
            Damage(t, c);
            return t;
        }
        // Point defence needs a salvo inbound: side Two launches first, then it is side One's turn.
        var defended = Scenario.Start(c.One, c.Two, Side.Two, c.Band);
        defended.Accept(new LaunchMissiles(Side.Two, 2), 1, 1);
        defended.EndTurn();
        Damage(defended, c);
        return defended;
    }

    private static void Damage(TestBattle t, Case c)
    {
        t.Battle.Tamper(Side.One, ship =>
        {
            foreach (var (location, severity) in c.Criticals)
            {
                ship.AddSeverity(location, severity);
            }
            ship.Turrets[c.Turret].Severity = c.TurretSeverity;
        });
    }

    private static ActionOption OptionOf(SideActions actions, Case c)
    {
        var turret = actions.Turrets[c.Turret];
        return c.Kind switch
        {
            Kind.Fire => turret.FireBest!,
            Kind.Launch => turret.Launch!,
            Kind.PointDefence => Assert.Single(turret.PointDefence),
            _ => turret.Sand!,
        };
    }

    private static CheckRoll CheckOf(IReadOnlyList<BattleEvent> events) => events.Select(e => e switch
    {
        LaserAttack attack => attack.Check,
        MissilesLaunched launch => launch.Check,
        PointDefenceFired defence => defence.Check,
        SandCast sand => sand.Check,
        _ => null,
    }).Single(check => check is not null)!;

    private static IEnumerable<ActionOption> AllOptions(SideActions actions)
    {
        yield return actions.EndTurn;
        yield return actions.Close;
        yield return actions.Open;
        foreach (var turret in actions.Turrets)
        {
            foreach (var option in turret.Fire)
            {
                yield return option;
            }
            if (turret.Launch is { } launch)
            {
                yield return launch;
            }
            foreach (var option in turret.PointDefence)
            {
                yield return option;
            }
            if (turret.Sand is { } sand)
            {
                yield return sand;
            }
        }
    }
}
