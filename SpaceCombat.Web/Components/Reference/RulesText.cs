using System.Globalization;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Web.Components.Reference;

/// <summary>
/// The rules page's tables, made from the engine's own tables (weapons, range bands, critical locations and
/// effects) so that the page cannot drift from what the engine does.
/// </summary>
public static class RulesText
{
    public sealed record WeaponRow(string Name, string Damage, string LongestBand, string Notes);

    public sealed record BandRow(string Name, string AttackDm, int ThrustToLeave, int MissileFlightRounds);

    public sealed record CriticalRow(int Roll, string Location, IReadOnlyList<string> EffectBySeverity);

    public static IReadOnlyList<WeaponRow> Weapons { get; } = Enum.GetValues<WeaponKind>().Select(weapon => new WeaponRow(
        weapon.DisplayName(),
        weapon.DamageDice() == 0 ? "—" : weapon == WeaponKind.MissileRack ? $"{weapon.DamageDice()}D per missile" : $"{weapon.DamageDice()}D",
        weapon.LongestBand()?.DisplayName() ?? "—",
        weapon switch
        {
            _ when weapon.IsLaser() => $"Identical lasers in a turret fire together: +1 damage per die for each extra one (three: 2D + {WeaponTable.MultiWeaponBonus(WeaponKind.PulseLaser, 3)} for pulse lasers)",
            WeaponKind.MissileRack => "One missile per rack per launch; the salvo flies for rounds by band (below)",
            _ => "Defensive: armour + 1D + Effect against lasers until your next turn",
        })).ToArray();

    public static IReadOnlyList<BandRow> Bands { get; } = RangeTable.Bands.Select(band => new BandRow(
        band.DisplayName(), Signed(RangeTable.AttackDm(band)), RangeTable.ThrustToLeave(band), RangeTable.MissileFlightRounds(band))).ToArray();

    public static IReadOnlyList<CriticalRow> Criticals { get; } = Enumerable.Range(2, 11).Select(roll =>
    {
        var location = CriticalTable.LocationFor(roll);
        var effects = Enumerable.Range(1, CriticalTable.MaxSeverity).Select(severity => CriticalTable.DescribeEffect(location, severity)).ToArray();
        return new CriticalRow(roll, location.DisplayName(), effects);
    }).ToArray();

    /// <summary>"+1", "0", "−2" (a true minus sign).</summary>
    public static string Signed(int value) => value switch
    {
        > 0 => "+" + value.ToString(CultureInfo.InvariantCulture),
        < 0 => "−" + (-value).ToString(CultureInfo.InvariantCulture),
        _ => "0",
    };
}
