using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Ships;

public enum WeaponKind
{
    PulseLaser,
    BeamLaser,
    MissileRack,
    Sandcaster,
}

/// <summary>The weapon table of RULES.md section 2.</summary>
public static class WeaponTable
{
    public static bool IsLaser(this WeaponKind kind) => kind is WeaponKind.PulseLaser or WeaponKind.BeamLaser;

    /// <summary>Damage dice of one weapon (missile: per missile); 0 for the sandcaster.</summary>
    public static int DamageDice(this WeaponKind kind) => kind switch
    {
        WeaponKind.PulseLaser => 2,
        WeaponKind.BeamLaser => 1,
        WeaponKind.MissileRack => 4,
        WeaponKind.Sandcaster => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The longest band the weapon can attack at; null for the (defensive) sandcaster.</summary>
    public static RangeBand? LongestBand(this WeaponKind kind) => kind switch
    {
        WeaponKind.PulseLaser => RangeBand.Long,
        WeaponKind.BeamLaser => RangeBand.Medium,
        WeaponKind.MissileRack => RangeBand.Distant,
        WeaponKind.Sandcaster => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string DisplayName(this WeaponKind kind) => kind switch
    {
        WeaponKind.PulseLaser => "Pulse Laser",
        WeaponKind.BeamLaser => "Beam Laser",
        WeaponKind.MissileRack => "Missile Rack",
        WeaponKind.Sandcaster => "Sandcaster",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>+1 damage per damage die for each extra identical weapon firing together.</summary>
    public static int MultiWeaponBonus(WeaponKind kind, int weaponCount) =>
        kind == WeaponKind.MissileRack || weaponCount <= 1 ? 0 : kind.DamageDice() * (weaponCount - 1);
}
