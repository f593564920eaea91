using static SpaceCombat.Core.Ships.WeaponKind;

namespace SpaceCombat.Core.Ships;

/// <summary>The seven ships of RULES.md section 1.</summary>
public static class ShipRoster
{
    public static IReadOnlyList<ShipClass> All { get; } =
    [
        new("scout", "Type-S Scout", 100, Armour: 4, Thrust: 2, Pilot: 2, Gunner: 1,
            [new TurretClass(PulseLaser, Sandcaster, MissileRack)]),
        new("free_trader", "Type-A Free Trader", 200, Armour: 2, Thrust: 1, Pilot: 1, Gunner: 1,
            [new TurretClass(BeamLaser), new TurretClass(BeamLaser)]),
        new("far_trader", "Type-A2 Far Trader", 200, Armour: 2, Thrust: 1, Pilot: 1, Gunner: 1,
            [new TurretClass(BeamLaser, BeamLaser), new TurretClass(BeamLaser, BeamLaser)]),
        new("seeker", "Type-J Seeker", 100, Armour: 4, Thrust: 2, Pilot: 1, Gunner: 1,
            [new TurretClass(BeamLaser, Sandcaster)]),
        new("safari_ship", "Type-K Safari Ship", 200, Armour: 4, Thrust: 2, Pilot: 1, Gunner: 1,
            [new TurretClass(BeamLaser, Sandcaster), new TurretClass(PulseLaser)]),
        new("patrol_corvette", "Type-T Patrol Corvette", 400, Armour: 4, Thrust: 4, Pilot: 2, Gunner: 2,
            [
                new TurretClass(PulseLaser, PulseLaser, PulseLaser), new TurretClass(PulseLaser, PulseLaser, PulseLaser),
                new TurretClass(MissileRack, MissileRack, MissileRack), new TurretClass(MissileRack, MissileRack, MissileRack),
            ]),
        new("mercenary_cruiser", "Type-C Mercenary Cruiser", 800, Armour: 4, Thrust: 3, Pilot: 2, Gunner: 2,
            [
                new TurretClass(PulseLaser, PulseLaser, PulseLaser), new TurretClass(PulseLaser, PulseLaser, PulseLaser),
                new TurretClass(MissileRack, Sandcaster), new TurretClass(MissileRack, Sandcaster),
                new TurretClass(BeamLaser, BeamLaser), new TurretClass(BeamLaser, BeamLaser),
            ]),
    ];

    private static readonly Dictionary<string, ShipClass> ById = All.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string? id, out ShipClass ship)
    {
        ship = null!;
        return id is not null && ById.TryGetValue(id.Trim(), out ship!);
    }

    public static ShipClass Get(string id) =>
        TryGet(id, out var ship) ? ship : throw new ArgumentException($"Unknown ship '{id}'. Known ships: {string.Join(", ", All.Select(s => s.Id))}.", nameof(id));
}
