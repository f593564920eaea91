namespace SpaceCombat.Core.Rules;

public enum CriticalLocation
{
    Sensors,
    PowerPlant,
    Fuel,
    Weapon,
    Armour,
    Hull,
    MDrive,
    Cargo,
    JDrive,
    Crew,
    Computer,
}

/// <summary>The critical-hit tables of RULES.md section 9.</summary>
public static class CriticalTable
{
    public const int MaxSeverity = 6;

    /// <summary>Location by a 2D roll: 2 Sensors … 12 Computer.</summary>
    public static CriticalLocation LocationFor(int twoDice) => twoDice switch
    {
        2 => CriticalLocation.Sensors,
        3 => CriticalLocation.PowerPlant,
        4 => CriticalLocation.Fuel,
        5 => CriticalLocation.Weapon,
        6 => CriticalLocation.Armour,
        7 => CriticalLocation.Hull,
        8 => CriticalLocation.MDrive,
        9 => CriticalLocation.Cargo,
        10 => CriticalLocation.JDrive,
        11 => CriticalLocation.Crew,
        12 => CriticalLocation.Computer,
        _ => throw new ArgumentOutOfRangeException(nameof(twoDice), twoDice, "A 2D roll is 2 to 12."),
    };

    /// <summary>Severity of an Effect critical: damage ÷ 10 rounded up, from 1 to 6.</summary>
    public static int SeverityForDamage(int damage) => Math.Clamp((damage + 9) / 10, 1, MaxSeverity);

    public static string DisplayName(this CriticalLocation location) => location switch
    {
        CriticalLocation.PowerPlant => "Power Plant",
        CriticalLocation.MDrive => "M-Drive",
        CriticalLocation.JDrive => "J-Drive",
        _ => location.ToString(),
    };

    /// <summary>The farthest band a ship with this Sensors severity may attack at; null when it cannot attack at all.</summary>
    public static RangeBand? SensorsAttackLimit(int sensorsSeverity) => sensorsSeverity switch
    {
        <= 1 => RangeBand.Distant,
        2 => RangeBand.Medium,
        3 => RangeBand.Short,
        4 => RangeBand.Close,
        5 => RangeBand.Adjacent,
        _ => null,
    };

    /// <summary>Sensors severity 1: DM −2 to attacks at Long or farther.</summary>
    public static int SensorsDm(int sensorsSeverity, RangeBand band) =>
        sensorsSeverity >= 1 && band >= RangeBand.Long ? -2 : 0;

    /// <summary>Computer: DM −1 per severity to all checks; 4+: −4.</summary>
    public static int ComputerDm(int computerSeverity) => computerSeverity >= 4 ? -4 : -computerSeverity;

    /// <summary>Crew: Gunner and Pilot skill −1 per severity, not below −3.</summary>
    public static int SkillAfterCrewCriticals(int skill, int crewSeverity) => Math.Max(-3, skill - crewSeverity);

    /// <summary>Thrust after Power Plant (−1 each; 4+: 0) and M-Drive (−1 each; 5+: 0) criticals.</summary>
    public static int ThrustAfterCriticals(int thrust, int powerPlantSeverity, int mDriveSeverity) =>
        powerPlantSeverity >= 4 || mDriveSeverity >= 5 ? 0 : Math.Max(0, thrust - powerPlantSeverity - mDriveSeverity);

    /// <summary>Power Plant 4+: lasers cannot fire (nor point defence).</summary>
    public static bool LasersPowered(int powerPlantSeverity) => powerPlantSeverity < 4;

    public static int ArmourAfterCriticals(int armour, int armourSeverity) => Math.Max(0, armour - armourSeverity);

    /// <summary>A turret's condition by the Weapon criticals it took: 1 DM −1, 2 disabled, 3+ destroyed.</summary>
    public static TurretCondition TurretConditionFor(int severity) => severity switch
    {
        <= 0 => TurretCondition.Operational,
        1 => TurretCondition.Damaged,
        2 => TurretCondition.Disabled,
        _ => TurretCondition.Destroyed,
    };

    /// <summary>
    /// The rules' effect of a location's total severity, as the table states it (a ship's clamped values, such as armour
    /// that cannot go below 0, are the combat log's business).
    /// </summary>
    public static string DescribeEffect(CriticalLocation location, int severity) => location switch
    {
        CriticalLocation.Sensors => severity switch
        {
            1 => "DM −2 to attacks at Long or farther",
            >= 6 => "cannot attack",
            _ => $"cannot attack past {SensorsAttackLimit(severity)!.Value.DisplayName()}",
        },
        CriticalLocation.PowerPlant => severity >= 4 ? "Thrust 0, lasers cannot fire" : $"Thrust −{severity}",
        CriticalLocation.Fuel or CriticalLocation.Cargo or CriticalLocation.JDrive => "no combat effect",
        CriticalLocation.Weapon => "turret damaged",
        CriticalLocation.Armour => $"armour −{severity}",
        CriticalLocation.Hull => "extra hull damage",
        CriticalLocation.MDrive => severity >= 5 ? "Thrust 0" : $"Thrust −{severity}",
        CriticalLocation.Crew => $"Gunner and Pilot −{severity}",
        CriticalLocation.Computer => $"DM −{-ComputerDm(severity)} to all checks",
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };
}

public enum TurretCondition
{
    Operational,
    Damaged,
    Disabled,
    Destroyed,
}
