using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Rules;

public class TableTests
{
    [Theory]
    [InlineData(WeaponKind.PulseLaser, 2, RangeBand.Long)]
    [InlineData(WeaponKind.BeamLaser, 1, RangeBand.Medium)]
    [InlineData(WeaponKind.MissileRack, 4, RangeBand.Distant)]
    public void Section2_WeaponTable(WeaponKind weapon, int dice, RangeBand longest)
    {
        Assert.Equal(dice, weapon.DamageDice());
        Assert.Equal(longest, weapon.LongestBand());
    }

    [Fact]
    public void Section2_SandcasterIsDefensiveOnly()
    {
        Assert.Equal(0, WeaponKind.Sandcaster.DamageDice());
        Assert.Null(WeaponKind.Sandcaster.LongestBand());
        Assert.False(WeaponKind.Sandcaster.IsLaser());
    }

    [Theory]
    [InlineData(WeaponKind.PulseLaser, 1, 0)]
    [InlineData(WeaponKind.PulseLaser, 2, 2)]
    [InlineData(WeaponKind.PulseLaser, 3, 4)]
    [InlineData(WeaponKind.BeamLaser, 1, 0)]
    [InlineData(WeaponKind.BeamLaser, 2, 1)]
    [InlineData(WeaponKind.BeamLaser, 3, 2)]
    [InlineData(WeaponKind.MissileRack, 3, 0)]
    public void Section2_MultiWeaponBonusIsOnePerDamageDiePerExtraWeaponButNeverForMissiles(WeaponKind weapon, int count, int bonus) =>
        Assert.Equal(bonus, WeaponTable.MultiWeaponBonus(weapon, count));

    [Theory]
    [InlineData(RangeBand.Adjacent, 0, 1, 1)]
    [InlineData(RangeBand.Close, 0, 1, 1)]
    [InlineData(RangeBand.Short, 1, 2, 1)]
    [InlineData(RangeBand.Medium, 0, 5, 1)]
    [InlineData(RangeBand.Long, -2, 10, 2)]
    [InlineData(RangeBand.VeryLong, -4, 25, 5)]
    [InlineData(RangeBand.Distant, -6, 50, 10)]
    public void Section3_RangeTable(RangeBand band, int dm, int thrustToLeave, int flight)
    {
        Assert.Equal(dm, RangeTable.AttackDm(band));
        Assert.Equal(thrustToLeave, RangeTable.ThrustToLeave(band));
        Assert.Equal(flight, RangeTable.MissileFlightRounds(band));
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(999, 0)]
    [InlineData(1000, 1)]
    [InlineData(1999, 1)]
    [InlineData(2000, 2)]
    [InlineData(6000, 6)]
    [InlineData(6999, 6)]
    [InlineData(12000, 6)]
    public void Section3_SizeDmIsOnePerFullThousandTonsAtMostSix(int tons, int dm) => Assert.Equal(dm, RangeTable.TargetSizeDm(tons));

    [Fact]
    public void Section3_EveryRosterShipHasSizeDmZero() =>
        Assert.All(ShipRoster.All, s => Assert.Equal(0, RangeTable.TargetSizeDm(s.Tons)));

    [Theory]
    [InlineData("Medium", RangeBand.Medium)]
    [InlineData("very long", RangeBand.VeryLong)]
    [InlineData("very_long", RangeBand.VeryLong)]
    [InlineData("DISTANT", RangeBand.Distant)]
    public void Section3_BandNamesParse(string text, RangeBand band)
    {
        Assert.True(RangeTable.TryParse(text, out var parsed));
        Assert.Equal(band, parsed);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("")]
    [InlineData("far")]
    public void Section3_NonBandsDoNotParse(string text) => Assert.False(RangeTable.TryParse(text, out _));

    [Theory]
    [InlineData(2, CriticalLocation.Sensors)]
    [InlineData(3, CriticalLocation.PowerPlant)]
    [InlineData(4, CriticalLocation.Fuel)]
    [InlineData(5, CriticalLocation.Weapon)]
    [InlineData(6, CriticalLocation.Armour)]
    [InlineData(7, CriticalLocation.Hull)]
    [InlineData(8, CriticalLocation.MDrive)]
    [InlineData(9, CriticalLocation.Cargo)]
    [InlineData(10, CriticalLocation.JDrive)]
    [InlineData(11, CriticalLocation.Crew)]
    [InlineData(12, CriticalLocation.Computer)]
    public void Section9_LocationTable(int roll, CriticalLocation location) => Assert.Equal(location, CriticalTable.LocationFor(roll));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(20, 2)]
    [InlineData(21, 3)]
    [InlineData(59, 6)]
    [InlineData(60, 6)]
    [InlineData(61, 6)]
    [InlineData(150, 6)]
    public void Section9_SeverityIsDamageOverTenRoundedUpFromOneToSix(int damage, int severity) =>
        Assert.Equal(severity, CriticalTable.SeverityForDamage(damage));

    [Theory]
    [InlineData(0, RangeBand.Distant)]
    [InlineData(1, RangeBand.Distant)]
    [InlineData(2, RangeBand.Medium)]
    [InlineData(3, RangeBand.Short)]
    [InlineData(4, RangeBand.Close)]
    [InlineData(5, RangeBand.Adjacent)]
    [InlineData(6, null)]
    public void Section9_SensorsAttackLimit(int severity, RangeBand? limit) => Assert.Equal(limit, CriticalTable.SensorsAttackLimit(severity));

    [Theory]
    [InlineData(1, RangeBand.Medium, 0)]
    [InlineData(1, RangeBand.Long, -2)]
    [InlineData(1, RangeBand.Distant, -2)]
    [InlineData(0, RangeBand.Long, 0)]
    public void Section9_SensorsDm(int severity, RangeBand band, int dm) => Assert.Equal(dm, CriticalTable.SensorsDm(severity, band));

    [Theory]
    [InlineData(6, 1, 0, 5)]
    [InlineData(6, 3, 0, 3)]
    [InlineData(6, 4, 0, 0)]
    [InlineData(6, 0, 4, 2)]
    [InlineData(6, 0, 5, 0)]
    [InlineData(6, 1, 2, 3)]
    [InlineData(2, 1, 2, 0)]
    public void Section9_ThrustAfterPowerPlantAndMDriveCriticals(int thrust, int powerPlant, int mDrive, int after) =>
        Assert.Equal(after, CriticalTable.ThrustAfterCriticals(thrust, powerPlant, mDrive));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -1)]
    [InlineData(3, -3)]
    [InlineData(4, -4)]
    [InlineData(6, -4)]
    public void Section9_ComputerDm(int severity, int dm) => Assert.Equal(dm, CriticalTable.ComputerDm(severity));

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(2, 5, -3)]
    [InlineData(1, 6, -3)]
    public void Section9_CrewSkillNeverBelowMinusThree(int skill, int severity, int after) =>
        Assert.Equal(after, CriticalTable.SkillAfterCrewCriticals(skill, severity));

    [Theory]
    [InlineData(0, TurretCondition.Operational)]
    [InlineData(1, TurretCondition.Damaged)]
    [InlineData(2, TurretCondition.Disabled)]
    [InlineData(3, TurretCondition.Destroyed)]
    [InlineData(6, TurretCondition.Destroyed)]
    public void Section9_TurretCondition(int severity, TurretCondition condition) => Assert.Equal(condition, CriticalTable.TurretConditionFor(severity));

    [Fact]
    public void Section9_ArmourNeverBelowZeroAndPowerPlantFourStopsLasers()
    {
        Assert.Equal(1, CriticalTable.ArmourAfterCriticals(4, 3));
        Assert.Equal(0, CriticalTable.ArmourAfterCriticals(4, 6));
        Assert.True(CriticalTable.LasersPowered(3));
        Assert.False(CriticalTable.LasersPowered(4));
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new int[0], 2, 9, 1)]
    [InlineData(new[] { 6, 6 }, new[] { 1, 2 }, 2, 17, 9)]
    [InlineData(new[] { 1, 1 }, new[] { 0 }, 0, 2, -6)]
    public void Notation_ACheckIs2DPlusModifiersAgainst8AndEffectIsTotalMinus8(int[] dice, int[] dms, int skill, int total, int effect)
    {
        var modifiers = dms.Select((v, i) => new Modifier($"dm{i}", v)).Append(new Modifier("skill", skill)).ToArray();
        var check = CheckRoll.Make(dice, modifiers);
        Assert.Equal(total, check.Total);
        Assert.Equal(8, check.Target);
        Assert.Equal(effect, check.Effect);
        Assert.Equal(effect >= 0, check.Success);
    }
}
