using System.Collections.Concurrent;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// The values behind a check's named modifiers (RULES.md sections 6 to 8), and the odds they give. Every side's options
/// are worked out again on every snapshot, yet ships, bands and criticals take few distinct values: the odds (with their
/// modifiers and formula text) are made once per distinct set of values for the whole process, not once per snapshot.
/// </summary>
internal readonly record struct CheckModifiers(
    CheckModifiers.CheckKind Kind,
    int Gunner,
    int CrewCritical,
    int Range,
    int TargetSize,
    int SensorsCritical,
    int ExtraLasers,
    int ComputerCritical,
    int WeaponCritical)
{
    /// <summary>More distinct sets than the roster and its criticals can give; past it odds are made anew, so the table stays bounded.</summary>
    internal const int SharedOddsLimit = 4096;

    private static readonly ConcurrentDictionary<CheckModifiers, CheckOdds> SharedOdds = new();

    internal enum CheckKind
    {
        Attack,
        PointDefence,
        Sand,
    }

    public static CheckModifiers Attack(ShipSnapshot attacker, TurretSnapshot turret, ShipSnapshot target, RangeBand band)
    {
        ArgumentNullException.ThrowIfNull(attacker);
        ArgumentNullException.ThrowIfNull(turret);
        ArgumentNullException.ThrowIfNull(target);
        return new(CheckKind.Attack, attacker.Class.Gunner, attacker.Gunner - attacker.Class.Gunner, RangeTable.AttackDm(band),
            RangeTable.TargetSizeDm(target.Class.Tons), CriticalTable.SensorsDm(attacker.CriticalSeverity(CriticalLocation.Sensors), band), 0,
            attacker.ComputerDm, turret.WeaponDm);
    }

    public static CheckModifiers PointDefence(ShipSnapshot ship, TurretSnapshot turret)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(turret);
        return new(CheckKind.PointDefence, ship.Class.Gunner, ship.Gunner - ship.Class.Gunner, 0, 0, 0, Math.Max(0, turret.Class.LaserCount - 1),
            ship.ComputerDm, turret.WeaponDm);
    }

    public static CheckModifiers Sand(ShipSnapshot ship)
    {
        ArgumentNullException.ThrowIfNull(ship);
        return new(CheckKind.Sand, ship.Class.Gunner, ship.Gunner - ship.Class.Gunner, 0, 0, 0, 0, ship.ComputerDm, 0);
    }

    /// <summary>The named modifiers, in the order the log shows them (a new list: a roll keeps its own).</summary>
    public static List<Modifier> Of(CheckModifiers values)
    {
        var modifiers = new List<Modifier>(6) { new("Gunner", values.Gunner) };
        AddIfNonZero(modifiers, "Crew critical", values.CrewCritical);
        if (values.Kind == CheckKind.Attack)
        {
            // The range modifier is always named in an attack, even at 0.
            modifiers.Add(new Modifier("Range", values.Range));
            AddIfNonZero(modifiers, "Target size", values.TargetSize);
            AddIfNonZero(modifiers, "Sensors critical", values.SensorsCritical);
        }
        AddIfNonZero(modifiers, "Extra lasers", values.ExtraLasers);
        AddIfNonZero(modifiers, "Computer critical", values.ComputerCritical);
        AddIfNonZero(modifiers, "Weapon critical", values.WeaponCritical);
        return modifiers;
    }

    /// <summary>The odds of a check with these modifiers: one shared, immutable instance per distinct set.</summary>
    public static CheckOdds OddsOf(CheckModifiers values)
    {
        if (SharedOdds.TryGetValue(values, out var odds))
        {
            return odds;
        }
        odds = new CheckOdds(Of(values));
        return SharedOdds.Count < SharedOddsLimit ? SharedOdds.GetOrAdd(values, odds) : odds;
    }

    private static void AddIfNonZero(List<Modifier> modifiers, string name, int value)
    {
        if (value != 0)
        {
            modifiers.Add(new Modifier(name, value));
        }
    }
}
