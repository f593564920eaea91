using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>Section 4: every refused action names its reason, changes nothing and rolls no die (TestBattle.Refuse checks all three).</summary>
public class RefusalTests
{
    private sealed record Bogus(Side Side) : BattleCommand(Side)
    {
        public override string Kind => "bogus";
    }

    [Fact]
    public void Section4_Refusal_NotYourTurn()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        t.Refuse(new FireLasers(Side.Two, 0), RefusalReason.NotYourTurn);
        t.Refuse(new LaunchMissiles(Side.Two, 2), RefusalReason.NotYourTurn);
        t.Refuse(new CastSand(Side.Two, 2), RefusalReason.NotYourTurn);
        t.Refuse(new Manoeuvre(Side.Two, ManoeuvreDirection.Close, 1), RefusalReason.NotYourTurn);
        t.Refuse(new EndTurn(Side.Two), RefusalReason.NotYourTurn);
        t.Refuse(new ExpireTurn(Side.Two, 1), RefusalReason.NotYourTurn);
        t.Refuse(new PointDefence(Side.Two, 0, 1), RefusalReason.NotYourTurn);
    }

    [Fact]
    public void Section4_Refusal_StaleTurn()
    {
        var t = Scenario.Start("scout", "seeker");
        t.Refuse(new ExpireTurn(Side.One, 0), RefusalReason.StaleTurn);
        t.Refuse(new ExpireTurn(Side.One, 2), RefusalReason.StaleTurn);
        t.Refuse(new ExpireTurn(Side.One, -5), RefusalReason.StaleTurn);
        t.EndTurn();
        t.EndTurn();
        t.Refuse(new ExpireTurn(Side.One, 1), RefusalReason.StaleTurn);
    }

    [Fact]
    public void A_command_meant_for_a_turn_that_has_passed_is_refused_as_that_turn_is_over()
    {
        var t = Scenario.Start("scout", "seeker");
        var first = t.Snapshot.TurnNumber;
        t.Accept(new EndTurn(Side.One) { ForTurn = first });

        // Side One's double click: its second End Turn (and any other action) was meant for the turn that has passed.
        var refusal = t.Refuse(new EndTurn(Side.One) { ForTurn = first }, RefusalReason.StaleTurn);
        Assert.Equal("That turn is over.", refusal.Message);
        t.EndTurn();
        Assert.Equal(Side.One, t.Snapshot.ActiveSide);
        t.Refuse(new EndTurn(Side.One) { ForTurn = first }, RefusalReason.StaleTurn);
        t.Refuse(new FireLasers(Side.One, 0) { ForTurn = first }, RefusalReason.StaleTurn);
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 1) { ForTurn = first + 1 }, RefusalReason.StaleTurn);
        // Side Two forging an End Turn for the turn it will have next is refused too.
        t.Refuse(new EndTurn(Side.Two) { ForTurn = t.Snapshot.TurnNumber + 1 }, RefusalReason.StaleTurn);
        t.Accept(new EndTurn(Side.One) { ForTurn = t.Snapshot.TurnNumber });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Section4_Refusal_UnknownTurret(int turret)
    {
        var t = Scenario.Start("scout", "seeker");
        t.Refuse(new FireLasers(Side.One, turret), RefusalReason.UnknownTurret);
        t.Refuse(new LaunchMissiles(Side.One, turret), RefusalReason.UnknownTurret);
        t.Refuse(new CastSand(Side.One, turret), RefusalReason.UnknownTurret);
        t.Refuse(new PointDefence(Side.One, turret, 1), RefusalReason.UnknownTurret);
    }

    [Fact]
    public void Section4_Refusal_TurretAlreadyUsed()
    {
        var t = Scenario.Start("scout", "seeker");
        t.Accept(new CastSand(Side.One, 0), 1, 1);
        t.Refuse(new CastSand(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.TurretAlreadyUsed);
    }

    [Fact]
    public void Section4_Refusal_WeaponNotInTurret()
    {
        var t = Scenario.Start("free_trader", "patrol_corvette");
        t.Refuse(new CastSand(Side.One, 0), RefusalReason.WeaponNotInTurret);
        t.Refuse(new LaunchMissiles(Side.One, 0), RefusalReason.WeaponNotInTurret);
        t.Refuse(new FireLasers(Side.One, 0, WeaponKind.PulseLaser), RefusalReason.WeaponNotInTurret);
        t.Refuse(new FireLasers(Side.One, 0, WeaponKind.MissileRack), RefusalReason.WeaponNotInTurret);
        t.EndTurn();
        t.Refuse(new FireLasers(Side.Two, 2), RefusalReason.WeaponNotInTurret);
        t.Refuse(new PointDefence(Side.Two, 2, 1), RefusalReason.WeaponNotInTurret);
        t.Refuse(new LaunchMissiles(Side.Two, 0), RefusalReason.WeaponNotInTurret);
    }

    [Fact]
    public void Section4_Refusal_NoAmmunition_MissilesRunOut()
    {
        var t = Scenario.Start("scout", "seeker");
        for (var i = 0; i < 12; i++)
        {
            t.Accept(new LaunchMissiles(Side.One, 0), 1, 1); // misses, strikes next round without dice
            t.EndTurn();
            t.EndTurn();
        }
        Assert.Equal(0, t.Snapshot.One.Missiles);
        t.Refuse(new LaunchMissiles(Side.One, 0), RefusalReason.NoAmmunition);
        t.Accept(new FireLasers(Side.One, 0), 1, 1);
    }

    [Fact]
    public void Section4_Refusal_NoAmmunition_SandRunsOut()
    {
        var t = Scenario.Start("seeker", "scout");
        for (var i = 0; i < 20; i++)
        {
            t.Accept(new CastSand(Side.One, 0), 1, 1);
            t.EndTurn();
            t.EndTurn();
        }
        Assert.Equal(0, t.Snapshot.One.Sand);
        t.Refuse(new CastSand(Side.One, 0), RefusalReason.NoAmmunition);
    }

    [Fact]
    public void Section4_Refusal_OutOfRange()
    {
        var t = Scenario.Start("safari_ship", "scout", Side.One, RangeBand.Long);
        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.OutOfRange);
        t.Accept(new FireLasers(Side.One, 1), 1, 1);
    }

    [Fact]
    public void Section4_Refusal_SystemDisabledAndDestroyed_Turrets()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.Weapon, 2, turretPick: 1);
        rig.Inflict(CriticalLocation.Weapon, 1, turretPick: 1); // working: turrets 1..5; pick 1 = turret 1
        rig.Inflict(CriticalLocation.Weapon, 2, turretPick: 1); // turret 1: 1 + 2 = 3, destroyed
        rig.CruiserTurn();
        var t = rig.T;
        Assert.Equal(TurretCondition.Disabled, t.Snapshot.Two.Turrets[0].Condition);
        Assert.Equal(TurretCondition.Destroyed, t.Snapshot.Two.Turrets[1].Condition);
        t.Refuse(new FireLasers(Side.Two, 0), RefusalReason.SystemDisabled);
        t.Refuse(new PointDefence(Side.Two, 0, 1), RefusalReason.SystemDisabled);
        t.Refuse(new FireLasers(Side.Two, 1), RefusalReason.SystemDestroyed);
    }

    [Fact]
    public void Section4_Refusal_SystemDisabled_PowerPlantAndDrives()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.PowerPlant, 2);
        rig.Inflict(CriticalLocation.PowerPlant, 2);
        rig.CruiserTurn();
        var t = rig.T;
        Assert.Equal(0, t.Snapshot.Two.Thrust);
        Assert.False(t.Snapshot.Two.LasersPowered);
        t.Refuse(new FireLasers(Side.Two, 0), RefusalReason.SystemDisabled);
        t.Refuse(new FireLasers(Side.Two, 4), RefusalReason.SystemDisabled);
        t.Refuse(new Manoeuvre(Side.Two, ManoeuvreDirection.Close, 1), RefusalReason.SystemDisabled);
        t.Accept(new LaunchMissiles(Side.Two, 2), 1, 1); // missiles need no power for lasers
    }

    [Fact]
    public void Section4_Refusal_SystemDestroyed_Sensors()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.Sensors, 2);
        rig.Inflict(CriticalLocation.Sensors, 2);
        rig.Inflict(CriticalLocation.Sensors, 2);
        rig.CruiserTurn();
        var t = rig.T;
        Assert.Null(t.Snapshot.Two.SensorsLimit);
        t.Refuse(new FireLasers(Side.Two, 0), RefusalReason.SystemDestroyed);
        t.Refuse(new LaunchMissiles(Side.Two, 2), RefusalReason.SystemDestroyed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(99)]
    [InlineData(-1)]
    public void Section4_Refusal_UnknownSalvo(int salvoId)
    {
        var t = Scenario.Start("patrol_corvette", "far_trader");
        t.Accept(new LaunchMissiles(Side.One, 2), 1, 1);
        t.Refuse(new PointDefence(Side.One, 0, 1), RefusalReason.UnknownSalvo); // its own salvo is not inbound
        t.EndTurn();
        if (salvoId == 1)
        {
            t.Accept(new PointDefence(Side.Two, 0, 1), 1, 1);
            t.Refuse(new PointDefence(Side.Two, 1, 2), RefusalReason.UnknownSalvo);
        }
        else
        {
            t.Refuse(new PointDefence(Side.Two, 0, salvoId), RefusalReason.UnknownSalvo);
        }
    }

    [Fact]
    public void Section4_Refusal_AlreadyManoeuvred()
    {
        var t = Scenario.Start("patrol_corvette", "far_trader");
        t.Accept(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 1));
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 1), RefusalReason.AlreadyManoeuvred);
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 3), RefusalReason.AlreadyManoeuvred);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Section4_Refusal_InvalidThrust(int thrust)
    {
        var t = Scenario.Start("patrol_corvette", "far_trader");
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Close, thrust), RefusalReason.InvalidThrust);
        t.Accept(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 4));
    }

    [Fact]
    public void Section4_Refusal_RangeLimit()
    {
        var t = Scenario.Start("patrol_corvette", "far_trader", Side.One, RangeBand.Adjacent);
        t.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Close, 1), RefusalReason.RangeLimit);
        var d = Scenario.Start("patrol_corvette", "far_trader", Side.One, RangeBand.Distant);
        d.Refuse(new Manoeuvre(Side.One, ManoeuvreDirection.Open, 4), RefusalReason.RangeLimit);
    }

    [Fact]
    public void Section4_Refusal_BattleOver()
    {
        var t = Scenario.Start("patrol_corvette", "far_trader");
        t.Accept(new Surrender(Side.Two));
        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.BattleOver);
        t.Refuse(new EndTurn(Side.One), RefusalReason.BattleOver);
        t.Refuse(new ExpireTurn(Side.One, 1), RefusalReason.BattleOver);
        t.Refuse(new Forfeit(Side.One), RefusalReason.BattleOver);
        t.Refuse(new Surrender(Side.One), RefusalReason.BattleOver);
        t.Refuse(new Abandon(), RefusalReason.BattleOver);
    }

    [Fact]
    public void Section4_Refusal_InvalidCommand()
    {
        var t = Scenario.Start("patrol_corvette", "far_trader");
        t.Refuse(null, RefusalReason.InvalidCommand);
        t.Refuse(new Bogus(Side.One), RefusalReason.InvalidCommand);
        t.Refuse(new EndTurn((Side)0), RefusalReason.InvalidCommand);
        t.Refuse(new Surrender((Side)3), RefusalReason.InvalidCommand);
        t.Refuse(new Manoeuvre(Side.One, (ManoeuvreDirection)7, 1), RefusalReason.InvalidCommand);
        t.Refuse(new FireLasers(Side.One, 0, (WeaponKind)42), RefusalReason.InvalidCommand);
    }
}
