namespace SpaceCombat.Core.Ships;

/// <summary>A turret as built: the weapons mounted in it.</summary>
public sealed record TurretClass
{
    public TurretClass(params IReadOnlyList<WeaponKind> weapons)
    {
        if (weapons.Count is < 1 or > 3)
        {
            throw new ArgumentException("A turret holds one to three weapons.", nameof(weapons));
        }
        Weapons = weapons;
        LaserCount = weapons.Count(w => w.IsLaser());
        _laserKinds = [.. weapons.Where(w => w.IsLaser()).Distinct().OrderByDescending(w => w.DamageDice())];
    }

    public IReadOnlyList<WeaponKind> Weapons { get; }

    private string? _description;

    public string Mount => Weapons.Count switch { 1 => "Single", 2 => "Double", _ => "Triple" };

    public int Count(WeaponKind kind) => Weapons.Count(w => w == kind);

    public bool Has(WeaponKind kind) => Weapons.Contains(kind);

    // Asked for every turret on every HUD render and AI evaluation: computed once, the class is immutable.
    private readonly WeaponKind[] _laserKinds;

    public int LaserCount { get; }

    public bool HasLaser => LaserCount > 0;

    /// <summary>The distinct laser kinds in this turret, best (most damage) first.</summary>
    public IReadOnlyList<WeaponKind> LaserKinds => _laserKinds;

    /// <summary>"Triple: Pulse Laser ×2, Sandcaster": described once, since the class is immutable and the HUD shows it on every render.</summary>
    public string Describe() => _description ??= $"{Mount}: " + string.Join(", ", Weapons.GroupBy(w => w).Select(g => g.Count() > 1 ? $"{g.Key.DisplayName()} ×{g.Count()}" : g.Key.DisplayName()));

    public bool Equals(TurretClass? other) => other is not null && Weapons.SequenceEqual(other.Weapons);

    public override int GetHashCode() => Weapons.Aggregate(17, (hash, w) => hash * 31 + (int)w);
}
