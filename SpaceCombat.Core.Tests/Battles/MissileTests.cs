using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Battles;

public class MissileTests
{
    [Theory]
    [InlineData("patrol_corvette", 2, 3, 72)]
    [InlineData("mercenary_cruiser", 2, 1, 24)]
    [InlineData("scout", 0, 1, 12)]
    public void Section6_ASalvoHasOneMissilePerRackAndAmmunitionDropsAtLaunch(string ship, int turret, int salvo, int magazine)
    {
        var t = Scenario.Start(ship, "free_trader");
        var launch = t.Accept(new LaunchMissiles(Side.One, turret), 1, 1).Single<MissilesLaunched>();
        Assert.Equal(salvo, launch.Missiles);
        Assert.Equal(magazine - salvo, t.Snapshot.One.Missiles);
        var inFlight = Assert.Single(t.Snapshot.Salvos);
        Assert.Equal((launch.SalvoId, Side.One, salvo, 1, 2), (inFlight.Id, inFlight.Launcher, inFlight.Missiles, inFlight.LaunchRound, inFlight.StrikeRound));
        Assert.Single(t.Snapshot.SalvosAgainst(Side.Two));
        Assert.Empty(t.Snapshot.SalvosAgainst(Side.One));
        Assert.True(t.Snapshot.HasSalvoAgainst(Side.Two));
        Assert.False(t.Snapshot.HasSalvoAgainst(Side.One));
    }

    [Fact]
    public void Section6_ATurretWithFewerMissilesLeftThanRacksLaunchesWhatRemains()
    {
        var t = Scenario.Start("patrol_corvette", "free_trader");
        t.Battle.Tamper(Side.One, ship => ship.Missiles = 2);
        var launch = t.Accept(new LaunchMissiles(Side.One, 2), 1, 1).Single<MissilesLaunched>();
        Assert.Equal(2, launch.Missiles);
        Assert.Equal(0, t.Snapshot.One.Missiles);
        t.Refuse(new LaunchMissiles(Side.One, 3), RefusalReason.NoAmmunition);
    }

    [Fact]
    public void Section6_TheCheckIsRecordedAtLaunchHiddenInFlightAndRevealedAtTheStrike()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        var launch = t.Accept(new LaunchMissiles(Side.One, 2), 2, 3).Single<MissilesLaunched>(); // 5 + 2 = 7: misses
        Assert.Equal(new[] { 2, 3 }, launch.Check.Dice);
        Assert.False(launch.Check.Success);
        // The public view of a salvo carries no roll: only its public attack DMs.
        Assert.DoesNotContain(typeof(SalvoSnapshot).GetProperties(), p => p.PropertyType == typeof(CheckRoll));
        Assert.Equal(2, Assert.Single(t.Snapshot.Salvos).AttackDm);
        t.EndTurn();
        var events = t.EndTurn();
        var started = events.OfType<TurnStarted>().Single();
        var strike = events.Single<MissileStrike>();
        Assert.Equal(Side.One, started.Side);
        Assert.True(events.ToList().IndexOf(strike) == events.ToList().IndexOf(started) + 1, "the strike comes at the start of the launcher's turn");
        Assert.Same(launch.Check, strike.Check);
        Assert.Empty(strike.Damage); // a missed salvo misses whole
        Assert.Equal(3, strike.Missiles);
        Assert.Equal(320, t.Snapshot.Two.Hull);
    }

    [Fact]
    public void Section6_EachMissileDoes4DPlusEffectMinusArmour()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        t.Accept(new LaunchMissiles(Side.One, 2), 4, 4); // 8 + 2: Effect 2
        t.EndTurn();
        // 10 + 2 − 4 = 8, 24 + 2 − 4 = 22, 4 + 2 − 4 = 2: 320 → 288 reaches the 90 % step after the third missile.
        var events = t.Accept(new EndTurn(Side.Two), [1, 2, 3, 4, 6, 6, 6, 6, 1, 1, 1, 1, .. Scenario.LocationDice(CriticalLocation.Fuel)]);
        var strike = events.Single<MissileStrike>();
        Assert.Equal(new[] { 8, 22, 2 }, strike.Damage.Select(d => d.Damage));
        Assert.All(strike.Damage, d => Assert.Equal((2, 4, 0), (d.Effect, d.Armour, d.Sand)));
        Assert.Equal(288, t.Snapshot.Two.Hull);
        var critical = events.Single<CriticalHit>();
        Assert.Equal(CriticalCause.SustainedDamage, critical.Cause);
        Assert.True(events.ToList().IndexOf(strike) < events.ToList().IndexOf(critical), "the strike is logged before its criticals");
    }

    [Fact]
    public void Section6_EachMissileIsItsOwnAttackForCriticalHits()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        t.Accept(new LaunchMissiles(Side.One, 2), 6, 6); // 12 + 2: Effect 6
        t.EndTurn();
        var events = t.Accept(new EndTurn(Side.Two), [
            1, 1, 1, 1, .. Scenario.LocationDice(CriticalLocation.Cargo),
            1, 1, 1, 2, .. Scenario.LocationDice(CriticalLocation.JDrive),
            1, 1, 1, 3, .. Scenario.LocationDice(CriticalLocation.Fuel)]);
        var criticals = events.OfType<CriticalHit>().ToList();
        Assert.Equal(new[] { CriticalLocation.Cargo, CriticalLocation.JDrive, CriticalLocation.Fuel }, criticals.Select(c => c.Location));
        Assert.All(criticals, c => Assert.Equal((CriticalCause.Effect, 1, Side.Two), (c.Cause, c.Severity, c.TargetSide)));
        Assert.Equal(320 - 6 - 7 - 8, t.Snapshot.Two.Hull);
    }

    [Fact]
    public void Section6_PointDefenceDestroysOnePlusEffectWithTheExtraLasersDmAndRevealsAWipedOutSalvo()
    {
        var t = Scenario.Start("patrol_corvette", "far_trader");
        var launch = t.Accept(new LaunchMissiles(Side.One, 2), 5, 5).Single<MissilesLaunched>();
        t.EndTurn();
        var first = t.Accept(new PointDefence(Side.Two, 0, launch.SalvoId), 4, 3).Single<PointDefenceFired>(); // 7 + 1 + 1 = 9: Effect 1
        Assert.Equal(new[] { new Modifier("Gunner", 1), new Modifier("Extra lasers", 1) }, first.Check.Modifiers);
        Assert.Equal((2, 1), (first.Destroyed, first.Remaining));
        Assert.Null(first.RevealedLaunchCheck);
        Assert.Equal(1, Assert.Single(t.Snapshot.Salvos).Missiles);
        t.Refuse(new PointDefence(Side.Two, 0, launch.SalvoId), RefusalReason.TurretAlreadyUsed);
        var second = t.Accept(new PointDefence(Side.Two, 1, launch.SalvoId), 6, 6).Single<PointDefenceFired>();
        Assert.Equal((1, 0), (second.Destroyed, second.Remaining));
        Assert.Same(launch.Check, second.RevealedLaunchCheck);
        Assert.Empty(t.Snapshot.Salvos);
        var next = t.EndTurn();
        Assert.Empty(next.OfType<MissileStrike>());
    }

    [Fact]
    public void Section6_FailedPointDefenceDestroysNothing()
    {
        var t = Scenario.Start("patrol_corvette", "free_trader");
        t.Accept(new LaunchMissiles(Side.One, 2), 5, 5);
        t.EndTurn();
        var fired = t.Accept(new PointDefence(Side.Two, 0, 1), 3, 3).Single<PointDefenceFired>(); // 6 + 1 = 7, single laser: no extra DM
        Assert.DoesNotContain(fired.Check.Modifiers, m => m.Name == "Extra lasers");
        Assert.Equal((0, 3), (fired.Destroyed, fired.Remaining));
    }

    [Fact]
    public void Section6_PointDefenceUsesComputerCrewAndWeaponCriticalsButNotSensors()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.Sensors, 2);
        rig.Inflict(CriticalLocation.Sensors, 2);
        rig.Inflict(CriticalLocation.Sensors, 2);
        rig.Inflict(CriticalLocation.Computer);
        rig.Inflict(CriticalLocation.Crew);
        rig.Inflict(CriticalLocation.Weapon, turretPick: 5); // turret 4: double beam laser
        var t = rig.T;
        t.EndTurn();
        t.EndTurn();
        var launch = t.Accept(new LaunchMissiles(Side.One, 0), 1, 1).Single<MissilesLaunched>();
        t.EndTurn();
        Assert.Null(t.Snapshot.Two.SensorsLimit);
        var fired = t.Accept(new PointDefence(Side.Two, 4, launch.SalvoId), 6, 6).Single<PointDefenceFired>();
        Assert.Equal(new[]
        {
            new Modifier("Gunner", 2), new Modifier("Crew critical", -1), new Modifier("Extra lasers", 1),
            new Modifier("Computer critical", -1), new Modifier("Weapon critical", -1),
        }, fired.Check.Modifiers);
        Assert.Equal(1, fired.Destroyed);
        Assert.Same(launch.Check, fired.RevealedLaunchCheck);
    }

    [Fact]
    public void Section6_PowerPlantFourStopsPointDefence()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.PowerPlant, 2);
        rig.Inflict(CriticalLocation.PowerPlant, 2);
        var t = rig.T;
        t.EndTurn();
        t.EndTurn();
        var launch = t.Accept(new LaunchMissiles(Side.One, 0), 1, 1).Single<MissilesLaunched>();
        t.EndTurn();
        t.Refuse(new PointDefence(Side.Two, 0, launch.SalvoId), RefusalReason.SystemDisabled);
    }
}
