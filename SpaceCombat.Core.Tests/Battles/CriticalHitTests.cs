using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Battles;

public class CriticalHitTests
{
    public static TheoryData<CriticalLocation> Locations() => new(Enum.GetValues<CriticalLocation>());

    [Theory]
    [MemberData(nameof(Locations))]
    public void Section9_EveryRowOfTheLocationTable(CriticalLocation location)
    {
        var rig = new CriticalRig();
        var critical = rig.Inflict(location).OfType<CriticalHit>().First();
        Assert.Equal(Scenario.LocationDice(location), critical.LocationDice);
        Assert.Equal(Side.Two, critical.TargetSide);
        Assert.Equal(Side.One, critical.AttackerSide);
        Assert.Equal(Side.One, critical.Actor);
        Assert.Equal(1, critical.LocationSeverity);
        Assert.Equal(1, rig.T.Snapshot.Two.CriticalSeverity(location));
        Assert.False(string.IsNullOrWhiteSpace(critical.Effect));
    }

    [Fact]
    public void Section9_NoCriticalBelowEffect6()
    {
        var t = Scenario.Start("scout", "mercenary_cruiser", Side.One, RangeBand.Short);
        var events = t.Accept(new FireLasers(Side.One, 0), 5, 6, 6, 6); // 11 + 1 + 1 = 13: Effect 5; 12 + 5 − 4 = 13 damage
        Assert.Equal(13, events.Single<LaserAttack>().Damage!.Damage);
        Assert.Empty(events.OfType<CriticalHit>());
    }

    [Fact]
    public void Section9_NoCriticalWhenEffect6DoesNoDamage()
    {
        var t = Scenario.Start("free_trader", "mercenary_cruiser", Side.Two, RangeBand.Short);
        t.Accept(new CastSand(Side.Two, 2), 6, 6, 6); // Effect 6: sand 12
        t.EndTurn();
        var events = t.Accept(new FireLasers(Side.One, 0), 6, 6, 6); // 12 + 1 + 1 = 14: Effect 6; 6 + 6 − 4 − 12 < 0
        var attack = events.Single<LaserAttack>();
        Assert.Equal(6, attack.Check.Effect);
        Assert.Equal(0, attack.Damage!.Damage);
        Assert.Empty(events.OfType<CriticalHit>());
    }

    [Fact]
    public void Section9_SustainedDamageGivesOneSeverity1CriticalPerStepIncludingSeveralAtOnce()
    {
        var t = Scenario.Start("patrol_corvette", "scout");
        // Effect 2: 12 + 4 + 2 − 4 = 14: 40 → 26 reaches 90 %, 80 % and 70 %.
        var events = t.Accept(new FireLasers(Side.One, 0), [4, 4, 6, 6, .. Scenario.LocationDice(CriticalLocation.Fuel),
            .. Scenario.LocationDice(CriticalLocation.Cargo), .. Scenario.LocationDice(CriticalLocation.JDrive)]);
        var criticals = events.OfType<CriticalHit>().ToList();
        Assert.Equal(3, criticals.Count);
        Assert.All(criticals, c => Assert.Equal((CriticalCause.SustainedDamage, 1), (c.Cause, c.Severity)));
        // 4 more: 26 → 22 reaches 60 % only; steps already passed give nothing again.
        var more = t.Accept(new FireLasers(Side.One, 1), [4, 4, 1, 1, .. Scenario.LocationDice(CriticalLocation.Cargo)]);
        Assert.Equal(22, t.Snapshot.Two.Hull);
        Assert.Equal(CriticalCause.SustainedDamage, more.Single<CriticalHit>().Cause);
        Assert.Equal(2, t.Snapshot.Two.CriticalSeverity(CriticalLocation.Cargo));
    }

    [Fact]
    public void Section9_TheEffectCriticalComesFirstThenTheStepsAndADestroyedShipTakesNoMore()
    {
        var t = Scenario.Start("patrol_corvette", "scout", Side.One, RangeBand.Short);
        // 11 + 2 + 1 = 14: Effect 6; 12 + 4 + 6 − 4 = 18 damage: severity 2, and 40 → 22 reaches four steps.
        var events = t.Accept(new FireLasers(Side.One, 0), [5, 6, 6, 6, .. Scenario.LocationDice(CriticalLocation.Fuel),
            .. Scenario.LocationDice(CriticalLocation.Cargo), .. Scenario.LocationDice(CriticalLocation.Cargo),
            .. Scenario.LocationDice(CriticalLocation.Cargo), .. Scenario.LocationDice(CriticalLocation.Cargo)]);
        var criticals = events.OfType<CriticalHit>().ToList();
        Assert.Equal(new[] { CriticalCause.Effect, CriticalCause.SustainedDamage, CriticalCause.SustainedDamage, CriticalCause.SustainedDamage, CriticalCause.SustainedDamage },
            criticals.Select(c => c.Cause));
        Assert.Equal(new[] { 2, 1, 1, 1, 1 }, criticals.Select(c => c.Severity));
        Assert.Equal(new[] { 2, 1, 2, 3, 4 }, criticals.Select(c => c.LocationSeverity));
        // Another 18 → 4, Hull critical severity 2 (6 + 6) → 0: destroyed, the five steps reached give no criticals.
        events = t.Accept(new FireLasers(Side.One, 1), [5, 6, 6, 6, .. Scenario.LocationDice(CriticalLocation.Hull), 6, 6]);
        var hull = events.Single<CriticalHit>();
        Assert.Equal(new[] { 6, 6 }, hull.HullDamage!.Dice);
        Assert.Equal((12, 4, 0), (hull.HullDamage.Damage, hull.HullDamage.HullBefore, hull.HullDamage.HullAfter));
        Assert.Equal(BattleEndReason.Destroyed, events.Single<BattleEnded>().Outcome.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Section9_Sensors(int severity)
    {
        var rig = Stack(CriticalLocation.Sensors, severity);
        var t = rig.T;
        Assert.Equal(CriticalTable.SensorsAttackLimit(severity), t.Snapshot.Two.SensorsLimit);
        switch (severity)
        {
            case <= 3:
                var attack = t.Accept(new FireLasers(Side.Two, 0), 1, 1).Single<LaserAttack>(); // at Short
                Assert.DoesNotContain(attack.Check.Modifiers, m => m.Name == "Sensors critical");
                break;
            case <= 5:
                t.Refuse(new FireLasers(Side.Two, 0), RefusalReason.OutOfRange);
                t.Refuse(new LaunchMissiles(Side.Two, 2), RefusalReason.OutOfRange);
                break;
            default:
                t.Refuse(new FireLasers(Side.Two, 0), RefusalReason.SystemDestroyed);
                break;
        }
    }

    [Fact]
    public void Section9_Sensors1GivesDmMinus2AtLongOrFarther()
    {
        var rig = Stack(CriticalLocation.Sensors, 1);
        var t = rig.T;
        t.Accept(new Manoeuvre(Side.Two, ManoeuvreDirection.Open, 3)); // Short → Medium
        t.EndTurn();
        t.Accept(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 2));
        t.EndTurn();
        t.Accept(new Manoeuvre(Side.Two, ManoeuvreDirection.Open, 3)); // 5: Medium → Long
        Assert.Equal(RangeBand.Long, t.Snapshot.Band);
        var attack = t.Accept(new FireLasers(Side.Two, 0), 1, 1).Single<LaserAttack>();
        Assert.Contains(new Modifier("Sensors critical", -2), attack.Check.Modifiers);
        var launch = t.Accept(new LaunchMissiles(Side.Two, 2), 1, 1).Single<MissilesLaunched>();
        Assert.Contains(new Modifier("Sensors critical", -2), launch.Check.Modifiers);
    }

    [Theory]
    [InlineData(1, 2, true)]
    [InlineData(2, 1, true)]
    [InlineData(3, 0, true)]
    [InlineData(4, 0, false)]
    public void Section9_PowerPlant(int severity, int thrust, bool lasers)
    {
        var ship = Stack(CriticalLocation.PowerPlant, severity).T.Snapshot.Two;
        Assert.Equal(thrust, ship.Thrust);
        Assert.Equal(lasers, ship.LasersPowered);
    }

    [Theory]
    [InlineData(CriticalLocation.Fuel)]
    [InlineData(CriticalLocation.Cargo)]
    [InlineData(CriticalLocation.JDrive)]
    public void Section9_FuelCargoAndJDriveHaveNoCombatEffect(CriticalLocation location)
    {
        var rig = new CriticalRig();
        var before = rig.T.Snapshot.Two;
        var critical = rig.Inflict(location, 2).OfType<CriticalHit>().First();
        Assert.Equal("no combat effect", critical.Effect);
        var after = rig.T.Snapshot.Two;
        Assert.Equal((before.Armour, before.Thrust, before.Pilot, before.Gunner, before.ComputerDm, before.LasersPowered, before.SensorsLimit),
            (after.Armour, after.Thrust, after.Pilot, after.Gunner, after.ComputerDm, after.LasersPowered, after.SensorsLimit));
        Assert.Equal(before.Turrets.Select(t => t.Condition), after.Turrets.Select(t => t.Condition));
    }

    [Fact]
    public void Section9_WeaponCriticalsStrikeARandomWorkingTurret()
    {
        var rig = new CriticalRig();
        var first = rig.Inflict(CriticalLocation.Weapon, turretPick: 6).OfType<CriticalHit>().First(); // Roll(6) among six working
        Assert.Equal(6, first.TurretNumber);
        Assert.Equal("turret 6 damaged: DM −1 to its attacks", first.Effect);
        Assert.Equal(TurretCondition.Damaged, rig.T.Snapshot.Two.Turrets[5].Condition);
        rig.Inflict(CriticalLocation.Weapon, 2, turretPick: 1);
        Assert.Equal(TurretCondition.Disabled, rig.T.Snapshot.Two.Turrets[0].Condition);
        var third = rig.Inflict(CriticalLocation.Weapon, turretPick: 5).OfType<CriticalHit>().First(); // Roll(5): turret 0 no longer works
        Assert.Equal(6, third.TurretNumber);
        Assert.Equal(TurretCondition.Disabled, rig.T.Snapshot.Two.Turrets[5].Condition);
        rig.Inflict(CriticalLocation.Weapon, 1, turretPick: 1); // Roll(4): turret 1
        rig.Inflict(CriticalLocation.Weapon, 2, turretPick: 1); // turret 1: 3 = destroyed
        Assert.Equal(TurretCondition.Destroyed, rig.T.Snapshot.Two.Turrets[1].Condition);
    }

    [Fact]
    public void Section9_ADamagedTurretHasDmMinus1()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.Weapon, turretPick: 1);
        rig.CruiserTurn();
        var attack = rig.T.Accept(new FireLasers(Side.Two, 0), 1, 1).Single<LaserAttack>();
        Assert.Contains(new Modifier("Weapon critical", -1), attack.Check.Modifiers);
        var other = rig.T.Accept(new FireLasers(Side.Two, 1), 1, 1).Single<LaserAttack>();
        Assert.DoesNotContain(other.Check.Modifiers, m => m.Name == "Weapon critical");
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    [InlineData(6, 0)]
    public void Section9_Armour(int severity, int armour) => Assert.Equal(armour, Stack(CriticalLocation.Armour, severity).T.Snapshot.Two.Armour);

    [Fact]
    public void Section9_HullCriticalDoesSeverityTimesOneDAtOnceAndUsesUpTheStepsItCrosses()
    {
        var rig = new CriticalRig();
        rig.T.Battle.Tamper(Side.Two, ship =>
        {
            ship.Hull = 270;
            ship.SustainedStepsUsed = 1;
        });
        var events = rig.Inflict(CriticalLocation.Hull, 2, hullDice: [6, 6]); // 11 damage → 259, then 12 → 247 crosses 80 % (256)
        var hull = events.Single<CriticalHit>();
        Assert.Equal(new[] { 6, 6 }, hull.HullDamage!.Dice);
        Assert.Equal((12, 259, 247), (hull.HullDamage.Damage, hull.HullDamage.HullBefore, hull.HullDamage.HullAfter));
        Assert.Equal(247, rig.T.Snapshot.Two.Hull);
        var next = rig.Inflict(CriticalLocation.Fuel); // 4 → 243: the 80 % step was used up, so only the Effect critical
        Assert.Single(next.OfType<CriticalHit>());
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    [InlineData(3, 0)]
    [InlineData(6, 0)]
    public void Section9_MDrive(int severity, int thrust)
    {
        var ship = Stack(CriticalLocation.MDrive, severity).T.Snapshot.Two;
        Assert.Equal(thrust, ship.Thrust);
        Assert.True(ship.LasersPowered);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, -2)]
    [InlineData(5, -3)]
    [InlineData(6, -3)]
    public void Section9_CrewSkillsFallToMinus3(int severity, int skill)
    {
        var rig = Stack(CriticalLocation.Crew, severity);
        Assert.Equal((skill, skill), (rig.T.Snapshot.Two.Gunner, rig.T.Snapshot.Two.Pilot));
        var attack = rig.T.Accept(new FireLasers(Side.Two, 0), 1, 1).Single<LaserAttack>();
        Assert.Contains(new Modifier("Gunner", 2), attack.Check.Modifiers);
        Assert.Contains(new Modifier("Crew critical", skill - 2), attack.Check.Modifiers);
    }

    [Theory]
    [InlineData(1, -1)]
    [InlineData(3, -3)]
    [InlineData(4, -4)]
    [InlineData(6, -4)]
    public void Section9_Computer(int severity, int dm)
    {
        var rig = Stack(CriticalLocation.Computer, severity);
        Assert.Equal(dm, rig.T.Snapshot.Two.ComputerDm);
        var attack = rig.T.Accept(new FireLasers(Side.Two, 0), 1, 1).Single<LaserAttack>();
        Assert.Contains(new Modifier("Computer critical", dm), attack.Check.Modifiers);
    }

    /// <summary>The cruiser has armour 4, Thrust 3, Pilot 2 and Gunner 2: the log states what the rules apply, clamped.</summary>
    [Theory]
    [InlineData(CriticalLocation.Armour, 2, "armour −2 (now 2)")]
    [InlineData(CriticalLocation.Armour, 6, "armour −4 (now 0)")]
    [InlineData(CriticalLocation.Crew, 2, "Gunner −2 (now 0), Pilot −2 (now 0)")]
    [InlineData(CriticalLocation.Crew, 6, "Gunner −5 (now −3), Pilot −5 (now −3)")]
    [InlineData(CriticalLocation.PowerPlant, 2, "Thrust −2 (now 1)")]
    [InlineData(CriticalLocation.PowerPlant, 4, "Thrust 0, lasers cannot fire")]
    [InlineData(CriticalLocation.MDrive, 4, "Thrust −3 (now 0)")]
    [InlineData(CriticalLocation.Computer, 2, "DM −2 to all checks")]
    [InlineData(CriticalLocation.Computer, 6, "DM −4 to all checks")]
    [InlineData(CriticalLocation.Sensors, 4, "cannot attack past Close")]
    public void Section9_EffectTextsGiveTheValuesAsApplied(CriticalLocation location, int severity, string expected)
    {
        var rig = new CriticalRig();
        CriticalHit? last = null;
        for (var left = severity; left > 0; left -= 2)
        {
            last = rig.Inflict(location, Math.Min(2, left)).OfType<CriticalHit>().First();
        }
        Assert.Equal(expected, last!.Effect);
    }

    [Fact]
    public void Section9_AnMDriveCriticalAfterThePowerPlantStoppedTheDrivesSaysNoThrustIsLeftToLose()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.PowerPlant, 2);
        rig.Inflict(CriticalLocation.PowerPlant, 2);
        var critical = rig.Inflict(CriticalLocation.MDrive).OfType<CriticalHit>().First();
        Assert.Equal("no Thrust left to lose (Thrust 0)", critical.Effect);
    }

    [Fact]
    public void Section9_ALocationsSeverityIsTheSumOfItsCriticalsAtMost6()
    {
        var rig = Stack(CriticalLocation.Computer, 6);
        rig.T.EndTurn();
        var critical = rig.Inflict(CriticalLocation.Computer, 2).OfType<CriticalHit>().First();
        Assert.Equal(2, critical.Severity);
        Assert.Equal(6, critical.LocationSeverity);
        Assert.Equal(6, rig.T.Snapshot.Two.CriticalSeverity(CriticalLocation.Computer));
    }

    /// <summary>Stacks criticals at a location on the cruiser to the total severity, then hands the cruiser its turn.</summary>
    private static CriticalRig Stack(CriticalLocation location, int severity)
    {
        var rig = new CriticalRig();
        for (var left = severity; left > 0; left -= 2)
        {
            rig.Inflict(location, Math.Min(2, left));
        }
        Assert.Equal(severity, rig.T.Snapshot.Two.CriticalSeverity(location));
        rig.CruiserTurn();
        return rig;
    }
}
