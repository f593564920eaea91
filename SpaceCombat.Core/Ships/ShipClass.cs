namespace SpaceCombat.Core.Ships;

/// <summary>A ship design from the roster (RULES.md section 1).</summary>
public sealed record ShipClass(
    string Id,
    string Name,
    int Tons,
    int Armour,
    int Thrust,
    int Pilot,
    int Gunner,
    IReadOnlyList<TurretClass> Turrets)
{
    /// <summary>Hull points = tonnage ÷ 2.5.</summary>
    public int Hull => Tons * 2 / 5;

    /// <summary>12 missiles per missile rack.</summary>
    public int Missiles => Turrets.Sum(t => t.Count(WeaponKind.MissileRack)) * 12;

    /// <summary>20 canisters per sandcaster.</summary>
    public int Sand => Turrets.Sum(t => t.Count(WeaponKind.Sandcaster)) * 20;

    public bool Equals(ShipClass? other) => other is not null && other.Id == Id;

    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);
}
