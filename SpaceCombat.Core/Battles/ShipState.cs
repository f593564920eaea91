using System.Collections.ObjectModel;
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

    /// <summary>The ship now; <paramref name="previous"/> itself (or its turret list and criticals) where nothing changed since.</summary>
    public ShipSnapshot ToSnapshot(ShipSnapshot? previous)
    {
        var turrets = TurretSnapshots(previous?.Turrets);
        var criticals = CriticalsSnapshot(previous?.Criticals);
        if (previous is not null && ReferenceEquals(previous.Turrets, turrets) && ReferenceEquals(previous.Criticals, criticals)
            && previous.Side == Side && ReferenceEquals(previous.Class, Class) && previous.Hull == Hull && previous.Armour == Armour
            && previous.Thrust == Thrust && previous.Pilot == Pilot && previous.Gunner == Gunner && previous.ComputerDm == ComputerDm
            && previous.Missiles == Missiles && previous.Sand == Sand && previous.ActiveSandBonus == ActiveSandBonus
            && previous.LasersPowered == LasersPowered && previous.SensorsLimit == SensorsLimit)
        {
            return previous;
        }
        return new ShipSnapshot(Side, Class, Hull, MaxHull, Armour, Thrust, Pilot, Gunner, ComputerDm, Missiles, Sand, ActiveSandBonus,
            LasersPowered, SensorsLimit, turrets, criticals);
    }

    private IReadOnlyList<TurretSnapshot> TurretSnapshots(IReadOnlyList<TurretSnapshot>? previous)
    {
        var same = previous is not null && previous.Count == Turrets.Length;
        for (var i = 0; same && i < Turrets.Length; i++)
        {
            same = Turrets[i].Matches(previous![i]);
        }
        if (same)
        {
            return previous!;
        }
        var turrets = new TurretSnapshot[Turrets.Length];
        for (var i = 0; i < turrets.Length; i++)
        {
            var earlier = previous is not null && i < previous.Count ? previous[i] : null;
            turrets[i] = earlier is not null && Turrets[i].Matches(earlier) ? earlier : Turrets[i].ToSnapshot();
        }
        return turrets;
    }

    private IReadOnlyDictionary<CriticalLocation, int> CriticalsSnapshot(IReadOnlyDictionary<CriticalLocation, int>? previous)
    {
        var count = 0;
        var same = previous is not null;
        for (var i = 0; i < _criticals.Length; i++)
        {
            if (_criticals[i] > 0)
            {
                count++;
                same = same && previous!.TryGetValue((CriticalLocation)i, out var severity) && severity == _criticals[i];
            }
        }
        if (count == 0)
        {
            return NoCriticals;
        }
        if (same && previous!.Count == count)
        {
            return previous;
        }
        var criticals = new Dictionary<CriticalLocation, int>(count);
        for (var i = 0; i < _criticals.Length; i++)
        {
            if (_criticals[i] > 0)
            {
                criticals[(CriticalLocation)i] = _criticals[i];
            }
        }
        return criticals;
    }

    private static readonly IReadOnlyDictionary<CriticalLocation, int> NoCriticals = ReadOnlyDictionary<CriticalLocation, int>.Empty;
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

    /// <summary>Whether <paramref name="snapshot"/> shows this turret as it is now.</summary>
    public bool Matches(TurretSnapshot snapshot) =>
        snapshot.Index == Index && ReferenceEquals(snapshot.Class, Class) && snapshot.Severity == Severity && snapshot.Used == Used;
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

    private SalvoSnapshot? _snapshot;

    /// <summary>The salvo now: the same object until point defence takes missiles from it.</summary>
    public SalvoSnapshot ToSnapshot() =>
        _snapshot is { } shown && shown.Missiles == Missiles
            ? shown
            : _snapshot = new(Id, Launcher, Turret, Missiles, LaunchRound, StrikeRound, LaunchBand, Check.Modifiers.Sum(m => m.Value));
}
