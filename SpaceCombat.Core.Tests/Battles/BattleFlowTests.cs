using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Battles;

public class BattleFlowTests
{
    [Fact]
    public void Section4_SetUpStartsAtMediumByDefaultAndLogsTheShips()
    {
        var t = Scenario.Start("scout", "seeker");
        Assert.Equal(RangeBand.Medium, t.Snapshot.Band);
        var started = t.Battle.StartEvents.Single<BattleStarted>();
        Assert.Equal(("scout", "seeker", RangeBand.Medium), (started.ShipOne, started.ShipTwo, started.Band));
        Assert.Equal(1, t.Snapshot.Round);
        Assert.Equal(1, t.Snapshot.TurnNumber);
    }

    [Theory]
    [InlineData("scout", "seeker", new[] { 1, 1, 6, 6 }, Side.Two)] // 2+4 = 6 vs 12+3 = 15
    [InlineData("scout", "seeker", new[] { 3, 3, 4, 3 }, Side.One)] // 6+4 = 10 vs 7+3 = 10: tie, rolled again
    [InlineData("free_trader", "patrol_corvette", new[] { 6, 6, 4, 3 }, Side.One)] // 12+2 = 14 vs 7+6 = 13
    [InlineData("free_trader", "patrol_corvette", new[] { 6, 5, 4, 3 }, Side.Two)] // 11+2 = 13 vs 13: tie, rolled again
    public void Section4_InitiativeIs2DPlusPilotPlusThrustHigherFirst(string one, string two, int[] faces, Side expected)
    {
        var dice = new ScriptedDice(faces);
        var shipOne = ShipRoster.Get(one);
        var shipTwo = ShipRoster.Get(two);
        var totalOne = faces[0] + faces[1] + shipOne.Pilot + shipOne.Thrust;
        var totalTwo = faces[2] + faces[3] + shipTwo.Pilot + shipTwo.Thrust;
        if (totalOne == totalTwo)
        {
            dice.Add(expected == Side.One ? [6, 6, 1, 1] : [1, 1, 6, 6]);
        }
        var battle = Battle.Start(new BattleSetup(one, two), dice);
        Assert.Equal(0, dice.Remaining);
        Assert.Equal(expected, battle.FirstSide);
        var initiative = battle.StartEvents.Single<InitiativeRolled>();
        var first = initiative.Attempts[0];
        Assert.Equal(totalOne, first.One.Total);
        Assert.Equal(totalTwo, first.Two.Total);
        Assert.Contains(new Modifier("Pilot", shipOne.Pilot), first.One.Modifiers);
        Assert.Contains(new Modifier("Thrust", shipOne.Thrust), first.One.Modifiers);
        Assert.Contains(new Modifier("Thrust", shipTwo.Thrust), first.Two.Modifiers);
    }

    [Fact]
    public void Section4_InitiativeTiesAreRolledAgainAndEveryAttemptIsLogged()
    {
        // scout +4, seeker +3: 7+4 = 11 vs 8+3 = 11 (tie), 6+4 = 10 vs 7+3 = 10 (tie), 4+4 = 8 vs 2+3 = 5: Side One first.
        var dice = new ScriptedDice(5, 2, 6, 2, 3, 3, 4, 3, 2, 2, 1, 1);
        var battle = Battle.Start(new BattleSetup("scout", "seeker"), dice);
        Assert.Equal(0, dice.Remaining);
        var initiative = battle.StartEvents.Single<InitiativeRolled>();
        Assert.Equal(3, initiative.Attempts.Count);
        Assert.Equal(new[] { 5, 2 }, initiative.Attempts[0].One.Dice);
        Assert.Equal(new[] { 6, 2 }, initiative.Attempts[0].Two.Dice);
        Assert.Equal(initiative.Attempts[0].One.Total, initiative.Attempts[0].Two.Total);
        Assert.Equal(initiative.Attempts[1].One.Total, initiative.Attempts[1].Two.Total);
        Assert.Equal(2 + 2 + 2 + 2, initiative.Attempts[2].One.Total);
        Assert.Equal(1 + 1 + 1 + 2, initiative.Attempts[2].Two.Total);
        Assert.Equal(Side.One, initiative.FirstSide);
        Assert.Equal(Side.One, battle.FirstSide);
    }

    [Theory]
    [InlineData(Side.One)]
    [InlineData(Side.Two)]
    public void Section4_EveryRoundEachShipTakesOneTurnInInitiativeOrder(Side first)
    {
        var t = Scenario.Start("scout", "seeker", first);
        var starts = t.Battle.StartEvents.OfType<TurnStarted>().ToList();
        Assert.Equal(new RoundStarted(1), t.Battle.StartEvents.OfType<RoundStarted>().Single());
        for (var i = 0; i < 7; i++)
        {
            starts.AddRange(t.EndTurn().OfType<TurnStarted>());
        }
        Assert.Equal(8, starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            Assert.Equal(i / 2 + 1, starts[i].Round);
            Assert.Equal(i + 1, starts[i].TurnNumber);
            Assert.Equal(i % 2 == 0 ? first : first.Opponent(), starts[i].Side);
        }
    }

    [Fact]
    public void Section4_TurnTimerEndsTheTurnWithoutFiringAndStaleTimersAreRefused()
    {
        var t = Scenario.Start("patrol_corvette", "scout");
        Assert.Equal(1, t.Snapshot.TurnNumber);
        var events = t.Accept(new ExpireTurn(Side.One, 1));
        var ended = events.Single<TurnEnded>();
        Assert.Equal(TurnEndReason.TimerExpired, ended.Reason);
        Assert.Equal(Side.One, ended.Side);
        Assert.DoesNotContain(events, e => e is LaserAttack or MissilesLaunched or PointDefenceFired or SandCast or Manoeuvred);
        Assert.Equal(Side.Two, t.Snapshot.ActiveSide);
        Assert.Equal(2, t.Snapshot.TurnNumber);
        Assert.Equal(160, t.Snapshot.One.Hull);
        Assert.Equal(40, t.Snapshot.Two.Hull);
        Assert.Equal(72, t.Snapshot.One.Missiles);
        t.Refuse(new ExpireTurn(Side.One, 1), RefusalReason.NotYourTurn);
        t.Accept(new EndTurn(Side.Two));
        t.Refuse(new ExpireTurn(Side.One, 1), RefusalReason.StaleTurn);
        t.Refuse(new ExpireTurn(Side.One, 2), RefusalReason.StaleTurn);
        t.Accept(new ExpireTurn(Side.One, 3));
    }

    [Theory]
    [InlineData(Side.One, Side.One)]
    [InlineData(Side.One, Side.Two)]
    [InlineData(Side.Two, Side.One)]
    public void Section4_EitherSideMaySurrenderAtAnyTime(Side first, Side surrendering)
    {
        var t = Scenario.Start("scout", "seeker", first);
        var events = t.Accept(new Surrender(surrendering));
        var ended = events.Single<BattleEnded>();
        Assert.Equal(new BattleOutcome(surrendering.Opponent(), BattleEndReason.Surrendered, 1), ended.Outcome);
        Assert.Equal(ended.Outcome, t.Snapshot.Outcome);
        Assert.Null(t.Snapshot.ActiveSide);
        t.Refuse(new Surrender(surrendering.Opponent()), RefusalReason.BattleOver);
    }

    [Fact]
    public void Section4_ADisconnectedSideForfeits()
    {
        var t = Scenario.Start("scout", "seeker");
        t.EndTurn();
        var ended = t.Accept(new Forfeit(Side.One)).Single<BattleEnded>();
        Assert.Equal(new BattleOutcome(Side.Two, BattleEndReason.Forfeited, 1), ended.Outcome);
        Assert.Equal(Side.One, ended.Outcome.Loser);
    }

    [Fact]
    public void Section4_AnAbandonedBattleIsADraw()
    {
        var t = Scenario.Start("scout", "seeker");
        var ended = t.Accept(new Abandon()).Single<BattleEnded>();
        Assert.True(ended.Outcome.IsDraw);
        Assert.Equal(BattleEndReason.Abandoned, ended.Outcome.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Section4_ABattleUndecidedWhenTheLastRoundEndsIsADraw(int maxRounds)
    {
        var t = Scenario.Start("scout", "seeker", Side.Two, maxRounds: maxRounds);
        var ends = new List<BattleEnded>();
        for (var turn = 0; turn < maxRounds * 2; turn++)
        {
            Assert.Null(t.Snapshot.Outcome);
            ends.AddRange(t.EndTurn().OfType<BattleEnded>());
        }
        var ended = Assert.Single(ends);
        Assert.Equal(new BattleOutcome(null, BattleEndReason.RoundLimit, maxRounds), ended.Outcome);
        Assert.Equal(maxRounds, t.Snapshot.Round);
        t.Refuse(new EndTurn(Side.Two), RefusalReason.BattleOver);
    }

    [Fact]
    public void Section4_TheDefaultRoundLimitIs200()
    {
        var t = Scenario.Start("scout", "seeker");
        Assert.Equal(200, t.Snapshot.MaxRounds);
        t.SkipTo(200, Side.Two);
        var ended = t.EndTurn().Single<BattleEnded>();
        Assert.Equal(new BattleOutcome(null, BattleEndReason.RoundLimit, 200), ended.Outcome);
    }

    /// <summary>
    /// Scout (One) launches a missile; the Seeker's beam disables the scout's only turret (two Weapon criticals); then the missile
    /// disables the Seeker's only turret. Neither ship has any way left to damage the other: a draw at once.
    /// </summary>
    [Fact]
    public void Section4_WhenNeitherShipCanDamageTheOtherTheBattleIsADrawAtOnce()
    {
        var t = Scenario.Start("scout", "seeker", Side.One, RangeBand.Short);
        var all = new List<BattleEvent>(t.Battle.StartEvents);
        all.AddRange(t.Accept(new LaunchMissiles(Side.One, 0), 6, 6)); // 12 + 1 + 1: Effect 6
        all.AddRange(t.EndTurn());
        // Seeker beam: 12 + 1 + 1 = 14 (Effect 6); 1D 6 + 6 − 4 = 8 damage: 40 → 32 crosses 90 % and 80 %: three criticals.
        all.AddRange(t.Accept(new FireLasers(Side.Two, 0), [6, 6, 6, .. Scenario.LocationDice(CriticalLocation.Weapon),
            .. Scenario.LocationDice(CriticalLocation.Weapon), .. Scenario.LocationDice(CriticalLocation.Fuel)]));
        Assert.Equal(TurretCondition.Disabled, t.Snapshot.One.Turrets[0].Condition);
        Assert.Null(t.Snapshot.Outcome); // the salvo is still in flight
        // Strike: 4D 1,1,1,1 + 6 − 4 = 6 damage: 40 → 34 crosses 90 %: Effect critical then one sustained, both Weapon.
        all.AddRange(t.Accept(new EndTurn(Side.Two), [1, 1, 1, 1, .. Scenario.LocationDice(CriticalLocation.Weapon),
            .. Scenario.LocationDice(CriticalLocation.Weapon)]));
        Assert.Equal(TurretCondition.Disabled, t.Snapshot.Two.Turrets[0].Condition);
        var ended = Assert.Single(all.OfType<BattleEnded>());
        Assert.Equal(new BattleOutcome(null, BattleEndReason.NoWayToDamage, 2), ended.Outcome);
        Assert.Same(ended, all[^1]);
    }

    [Fact]
    public void Section4_DestroyingTheEnemyWinsAndEndsTheBattleOnce()
    {
        var t = Scenario.Start("patrol_corvette", "scout", Side.One, RangeBand.Short);
        var all = new List<BattleEvent>();
        // 2D 5+6 = 11 + 2 + 1 = 14: Effect 6; 2D 6+6 + 4 + 6 − 4 = 18 damage: 40 → 22 (severity 2 Effect critical, then 4 steps).
        all.AddRange(t.Accept(new FireLasers(Side.One, 0), [5, 6, 6, 6,
            .. Scenario.LocationDice(CriticalLocation.Fuel), .. Scenario.LocationDice(CriticalLocation.Cargo),
            .. Scenario.LocationDice(CriticalLocation.Cargo), .. Scenario.LocationDice(CriticalLocation.Cargo), .. Scenario.LocationDice(CriticalLocation.Cargo)]));
        Assert.Equal(22, t.Snapshot.Two.Hull);
        // Second turret: 18 more → 4: Effect critical first (Hull, severity 2: 6+6 more → 0) and the ship is destroyed: no step criticals.
        all.AddRange(t.Accept(new FireLasers(Side.One, 1), [5, 6, 6, 6, .. Scenario.LocationDice(CriticalLocation.Hull), 6, 6]));
        Assert.Equal(0, t.Snapshot.Two.Hull);
        Assert.True(t.Snapshot.Two.IsDestroyed);
        var ended = Assert.Single(all.OfType<BattleEnded>());
        Assert.Equal(new BattleOutcome(Side.One, BattleEndReason.Destroyed, 1), ended.Outcome);
        Assert.Same(ended, all[^1]);
        t.Refuse(new LaunchMissiles(Side.One, 2), RefusalReason.BattleOver);
        t.Refuse(new Surrender(Side.Two), RefusalReason.BattleOver);
        t.Refuse(new Abandon(), RefusalReason.BattleOver);
    }
}
