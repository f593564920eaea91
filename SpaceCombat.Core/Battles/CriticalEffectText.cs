using System.Globalization;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// What a location's criticals now do to one ship, for the combat log: the values the rules actually apply (armour
/// never below 0, skills not below −3, Thrust not below 0), not the raw severity, so "armour −4 (now 0)" on an
/// armour-4 ship rather than "armour −6". Weapon criticals are described by the battle, which knows the turret struck.
/// </summary>
internal static class CriticalEffectText
{
    public static string Describe(ShipState ship, CriticalLocation location) => location switch
    {
        CriticalLocation.PowerPlant when !ship.LasersPowered => "Thrust 0, lasers cannot fire",
        CriticalLocation.PowerPlant or CriticalLocation.MDrive => ThrustLost(ship, location),
        CriticalLocation.Armour => ship.Class.Armour == ship.Armour
            ? "no armour left to lose"
            : $"armour −{Whole(ship.Class.Armour - ship.Armour)} (now {Whole(ship.Armour)})",
        CriticalLocation.Crew => $"Gunner {Change(ship.Gunner - ship.Class.Gunner)} (now {Whole(ship.Gunner)}), "
            + $"Pilot {Change(ship.Pilot - ship.Class.Pilot)} (now {Whole(ship.Pilot)})",
        _ => CriticalTable.DescribeEffect(location, ship.Severity(location)),
    };

    /// <summary>The Thrust this location's criticals take, given what the other drive location already took.</summary>
    private static string ThrustLost(ShipState ship, CriticalLocation location)
    {
        var powerPlant = location == CriticalLocation.PowerPlant ? 0 : ship.Severity(CriticalLocation.PowerPlant);
        var mDrive = location == CriticalLocation.MDrive ? 0 : ship.Severity(CriticalLocation.MDrive);
        var without = CriticalTable.ThrustAfterCriticals(ship.Class.Thrust, powerPlant, mDrive);
        var lost = without - ship.Thrust;
        return lost == 0 ? $"no Thrust left to lose (Thrust {Whole(ship.Thrust)})" : $"Thrust −{Whole(lost)} (now {Whole(ship.Thrust)})";
    }

    private static string Change(int value) => value == 0 ? "unchanged" : value < 0 ? $"−{Whole(-value)}" : $"+{Whole(value)}";

    /// <summary>A whole number with the typographic minus the log uses everywhere.</summary>
    private static string Whole(int value) =>
        value < 0 ? "−" + (-(long)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
