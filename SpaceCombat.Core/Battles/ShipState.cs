using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>The mutable state of one ship inside a battle. Only <see cref="Battle"/> changes it.</summary>
internal sealed class ShipState
{
    private readonly int[] _criticals = new int[Enum.GetValues<CriticalLocation>().Length];

    public ShipState(Side side, ShipClass shipClass)
    {
        Side = side;
        Class = shipClass;
        Hull = shipClass.Hull;
        Missiles = shipClass.Missiles;
        Sand = shipClass.Sand;
        Turrets = shipClass.Turrets.Select((t, i) => new TurretState(i, t)).ToArray();
    }

    public Side Side { get; }
    public ShipClass Class { get; }
    public int Hull { get; set; }
    public int MaxHull => Class.Hull;
    public int Missiles { get; set; }
    public int Sand { get; set; }
    public int ActiveSandBonus { get; set; }
    public int SustainedStepsUsed { get; set; }
    public TurretState[] Turrets { get; }

    public int Severity(CriticalLocation location) => _criticals[(int)location];

    public int AddSeverity(CriticalLocation location, int severity)
    {
        var total = Math.Min(CriticalTable.MaxSeverity, _criticals[(int)location] + severity);
        _criticals[(int)location] = total;
        return total;
    }

    public int Armour => CriticalTable.ArmourAfterCriticals(Class.Armour, Severity(CriticalLocation.Armour));
    public int Thrust => CriticalTable.ThrustAfterCriticals(Class.Thrust, Severity(CriticalLocation.PowerPlant), Severity(CriticalLocation.MDrive));
    public int Gunner => CriticalTable.SkillAfterCrewCriticals(Class.Gunner, Severity(CriticalLocation.Crew));
    public int Pilot => CriticalTable.SkillAfterCrewCriticals(Class.Pilot, Severity(CriticalLocation.Crew));
    public int ComputerDm => CriticalTable.ComputerDm(Severity(CriticalLocation.Computer));
    public bool LasersPowered => CriticalTable.LasersPowered(Severity(CriticalLocation.PowerPlant));
    public RangeBand? SensorsLimit => CriticalTable.SensorsAttackLimit(Severity(CriticalLocation.Sensors));
    public bool IsDestroyed => Hull == 0;

    /// <summary>Number of 10 % steps of maximum hull the current hull is at or below (90 % is step 1 … 10 % is step 9).</summary>
    public int StepsReached()
    {
        var steps = 0;
        for (var k = 1; k <= 9; k++)
        {
            if (Hull * 10 <= MaxHull * (10 - k))
            {
                steps = k;
            }
        }
        return steps;
    }

    /// <summary>Whether the ship still has any way to damage the enemy at some band: a working, powered laser, or a working missile rack with missiles.</summary>
    public bool HasAnyWayToDamage()
    {
        if (SensorsLimit is null)
        {
            return false;
        }
        return Turrets.Any(t => t.IsWorking && ((t.Class.HasLaser && LasersPowered) || (t.Class.Has(WeaponKind.MissileRack) && Missiles > 0)));
    }

    public ShipSnapshot ToSnapshot()
    {
        var criticals = new Dictionary<CriticalLocation, int>();
        for (var i = 0; i < _criticals.Length; i++)
        {
            if (_criticals[i] > 0)
            {
                criticals[(CriticalLocation)i] = _criticals[i];
            }
        }
        return new ShipSnapshot(Side, Class, Hull, MaxHull, Armour, Thrust, Pilot, Gunner, ComputerDm, Missiles, Sand, ActiveSandBonus,
            LasersPowered, SensorsLimit, Turrets.Select(t => t.ToSnapshot()).ToArray(), criticals);
    }
}

internal sealed class TurretState(int index, TurretClass turretClass)
{
    public int Index { get; } = index;

    /// <summary>The turret as players count it, from 1 (commands address turrets by <see cref="Index"/>).</summary>
    public int Number => Index + 1;

    public TurretClass Class { get; } = turretClass;
    public int Severity { get; set; }
    public bool Used { get; set; }
    public TurretCondition Condition => CriticalTable.TurretConditionFor(Severity);
    public bool IsWorking => Condition is TurretCondition.Operational or TurretCondition.Damaged;
    public int WeaponDm => Severity == 1 ? -1 : 0;

    public TurretSnapshot ToSnapshot() => new(Index, Class, Severity, Condition, Used);
}

/// <summary>A salvo in flight with its recorded (hidden) launch check.</summary>
internal sealed class Salvo(int id, Side launcher, int turret, int missiles, int launchRound, int strikeRound, RangeBand launchBand, CheckRoll check)
{
    public int Id { get; } = id;
    public Side Launcher { get; } = launcher;
    public int Turret { get; } = turret;
    public int Missiles { get; set; } = missiles;
    public int LaunchRound { get; } = launchRound;
    public int StrikeRound { get; } = strikeRound;
    public RangeBand LaunchBand { get; } = launchBand;
    public CheckRoll Check { get; } = check;

    public SalvoSnapshot ToSnapshot() => new(Id, Launcher, Turret, Missiles, LaunchRound, StrikeRound, LaunchBand, Check.Modifiers.Sum(m => m.Value));
}
