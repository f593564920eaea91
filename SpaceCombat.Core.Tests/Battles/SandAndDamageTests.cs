using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Battles;

public class SandAndDamageTests
{
    /// <summary>Corvette (Two, first) against a Mercenary Cruiser (One) that casts sand from turret 2 or 3 (Gunner 2).</summary>
    private static TestBattle CruiserCasts(params int[] faces)
    {
        var t = Scenario.Start("mercenary_cruiser", "patrol_corvette", Side.Two);
        t.EndTurn();
        t.Accept(new CastSand(Side.One, 2), faces);
        return t;
    }

    [Fact]
    public void Section7_SandAddsOneDPlusEffectToArmourAgainstLasers()
    {
        var t = CruiserCasts(3, 3, 5); // 6 + 2 = 8: Effect 0; 1D 5
        var cast = t.LastEvents.OfType<SandCast>().Single();
        Assert.Equal(new[] { 3, 3 }, cast.Check.Dice);
        Assert.Equal(5, cast.SandDie);
        Assert.Equal(5, cast.ArmourBonus);
        Assert.Equal(5, t.Snapshot.One.ActiveSandBonus);
        Assert.Equal(39, t.Snapshot.One.Sand);
        t.EndTurn();
        var attack = t.Accept(new FireLasers(Side.Two, 0), 4, 4, 6, 6).Single<LaserAttack>(); // Effect 2; 12 + 4 + 2 − 4 − 5
        Assert.Equal(4, attack.Damage!.Armour);
        Assert.Equal(5, attack.Damage.Sand);
        Assert.Equal(9, attack.Damage.Damage);
    }

    [Fact]
    public void Section7_SandDoesNotStopMissiles()
    {
        var t = Scenario.Start("mercenary_cruiser", "patrol_corvette", Side.Two);
        t.Accept(new LaunchMissiles(Side.Two, 2), 4, 4); // 8 + 2 = 10: Effect 2
        t.EndTurn();
        t.Accept(new CastSand(Side.One, 2), 6, 6, 6); // Effect 6, bonus 12
        var events = t.Accept(new EndTurn(Side.One), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        var strike = events.Single<MissileStrike>();
        Assert.Equal(12, t.Snapshot.One.ActiveSandBonus);
        Assert.All(strike.Damage, d => Assert.Equal(0, d.Sand));
        Assert.All(strike.Damage, d => Assert.Equal(4 + 2 - 4, d.Damage));
    }

    [Theory]
    [InlineData(5, 3, 5)]
    [InlineData(3, 5, 5)]
    public void Section7_CastsDoNotStackTheBestCounts(int first, int second, int best)
    {
        var t = CruiserCasts(3, 3, first);
        t.Accept(new CastSand(Side.One, 3), 3, 3, second);
        Assert.Equal(best, t.Snapshot.One.ActiveSandBonus);
        Assert.Equal(38, t.Snapshot.One.Sand);
    }

    [Fact]
    public void Section7_AFailedCastStillSpendsTheCanister()
    {
        var t = CruiserCasts(2, 3); // 5 + 2 = 7: fails, no 1D rolled
        var cast = t.LastEvents.OfType<SandCast>().Single();
        Assert.False(cast.Check.Success);
        Assert.Null(cast.SandDie);
        Assert.Equal(0, cast.ArmourBonus);
        Assert.Equal(39, t.Snapshot.One.Sand);
        Assert.Equal(0, t.Snapshot.One.ActiveSandBonus);
    }

    [Fact]
    public void Section7_SandExpiresAtTheStartOfTheCastersNextTurn()
    {
        var t = CruiserCasts(3, 3, 4);
        t.EndTurn();
        Assert.Equal(4, t.Snapshot.One.ActiveSandBonus);
        t.EndTurn();
        Assert.Equal(Side.One, t.Snapshot.ActiveSide);
        Assert.Equal(0, t.Snapshot.One.ActiveSandBonus);
    }

    [Fact]
    public void Section7_SandCheckUsesGunnerAndComputerAndCrewCriticals()
    {
        var rig = new CriticalRig();
        rig.Inflict(CriticalLocation.Computer);
        rig.Inflict(CriticalLocation.Crew);
        rig.CruiserTurn();
        var cast = rig.T.Accept(new CastSand(Side.Two, 2), 6, 5, 1).Single<SandCast>();
        Assert.Equal(
            new[] { new Modifier("Gunner", 2), new Modifier("Crew critical", -1), new Modifier("Computer critical", -1) },
            cast.Check.Modifiers);
        Assert.Equal(11, cast.Check.Total);
        Assert.Equal(1 + 3, cast.ArmourBonus);
    }

    [Fact]
    public void Section8_DamageIsDicePlusEffectMinusArmourNeverBelowZero()
    {
        var t = Scenario.Start("free_trader", "mercenary_cruiser");
        var attack = t.Accept(new FireLasers(Side.One, 0), 4, 3, 1).Single<LaserAttack>(); // 7 + 1 = 8: Effect 0; 1 + 0 − 4
        Assert.True(attack.Check.Success);
        Assert.Equal(0, attack.Damage!.Damage);
        Assert.Equal(320, attack.Damage.HullAfter);
        Assert.Equal(320, t.Snapshot.Two.Hull);
    }

    [Fact]
    public void Section8_AMissDoesNoDamageAndRollsNoDamageDice()
    {
        var t = Scenario.Start("free_trader", "mercenary_cruiser");
        var attack = t.Accept(new FireLasers(Side.One, 0), 3, 3).Single<LaserAttack>(); // 6 + 1 = 7
        Assert.False(attack.Check.Success);
        Assert.Null(attack.Damage);
    }

    [Fact]
    public void Section8_TheHullNeverGoesBelowZero()
    {
        var t = Scenario.Start("patrol_corvette", "scout");
        t.Battle.Tamper(Side.Two, ship => ship.Hull = 5);
        var attack = t.Accept(new FireLasers(Side.One, 0), 4, 4, 3, 3).Single<LaserAttack>(); // Effect 2; 6 + 4 + 2 − 4 = 8
        Assert.Equal(8, attack.Damage!.Damage);
        Assert.Equal(5, attack.Damage.HullBefore);
        Assert.Equal(0, attack.Damage.HullAfter);
        Assert.Equal(0, t.Snapshot.Two.Hull);
        Assert.Equal(BattleEndReason.Destroyed, t.Snapshot.Outcome!.Reason);
    }
}
