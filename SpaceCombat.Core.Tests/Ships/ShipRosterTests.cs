using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;
using static SpaceCombat.Core.Ships.WeaponKind;

namespace SpaceCombat.Core.Tests.Ships;

public class ShipRosterTests
{
    // id, name, tons, hull, armour, thrust, pilot, gunner, turrets ("|" between turrets, "," between weapons), missiles, sand
    public static IEnumerable<object[]> Table =>
    [
        ["scout", "Type-S Scout", 100, 40, 4, 2, 2, 1, "P,S,M", 12, 20],
        ["free_trader", "Type-A Free Trader", 200, 80, 2, 1, 1, 1, "B|B", 0, 0],
        ["far_trader", "Type-A2 Far Trader", 200, 80, 2, 1, 1, 1, "B,B|B,B", 0, 0],
        ["seeker", "Type-J Seeker", 100, 40, 4, 2, 1, 1, "B,S", 0, 20],
        ["safari_ship", "Type-K Safari Ship", 200, 80, 4, 2, 1, 1, "B,S|P", 0, 20],
        ["patrol_corvette", "Type-T Patrol Corvette", 400, 160, 4, 4, 2, 2, "P,P,P|P,P,P|M,M,M|M,M,M", 72, 0],
        ["mercenary_cruiser", "Type-C Mercenary Cruiser", 800, 320, 4, 3, 2, 2, "P,P,P|P,P,P|M,S|M,S|B,B|B,B", 24, 40],
    ];

    private static WeaponKind Parse(string code) => code switch
    {
        "P" => PulseLaser,
        "B" => BeamLaser,
        "M" => MissileRack,
        "S" => Sandcaster,
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Section1_EveryShipHasEveryStatOfTheTable(string id, string name, int tons, int hull, int armour, int thrust, int pilot, int gunner,
        string turrets, int missiles, int sand)
    {
        var ship = ShipRoster.Get(id);
        Assert.Equal(id, ship.Id);
        Assert.Equal(name, ship.Name);
        Assert.Equal(tons, ship.Tons);
        Assert.Equal(hull, ship.Hull);
        Assert.Equal(armour, ship.Armour);
        Assert.Equal(thrust, ship.Thrust);
        Assert.Equal(pilot, ship.Pilot);
        Assert.Equal(gunner, ship.Gunner);
        var expected = turrets.Split('|').Select(t => t.Split(',').Select(Parse).ToArray()).ToArray();
        Assert.Equal(expected.Length, ship.Turrets.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], ship.Turrets[i].Weapons);
        }
        Assert.Equal(missiles, ship.Missiles);
        Assert.Equal(sand, ship.Sand);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Section1_ABattleStartsWithTheShipsFullStats(string id, string name, int tons, int hull, int armour, int thrust, int pilot, int gunner,
        string turrets, int missiles, int sand)
    {
        _ = (name, tons, turrets);
        var t = Scenario.Start(id, id);
        foreach (var ship in new[] { t.Snapshot.One, t.Snapshot.Two })
        {
            Assert.Equal(hull, ship.Hull);
            Assert.Equal(hull, ship.MaxHull);
            Assert.Equal(armour, ship.Armour);
            Assert.Equal(thrust, ship.Thrust);
            Assert.Equal(pilot, ship.Pilot);
            Assert.Equal(gunner, ship.Gunner);
            Assert.Equal(missiles, ship.Missiles);
            Assert.Equal(sand, ship.Sand);
            Assert.Equal(0, ship.ComputerDm);
            Assert.True(ship.LasersPowered);
            Assert.Empty(ship.Criticals);
            Assert.All(ship.Turrets, turret => Assert.Equal(TurretCondition.Operational, turret.Condition));
        }
    }

    [Fact]
    public void Section1_TheRosterHoldsExactlyTheSevenShipsAndHullIsTonnageOver2Point5()
    {
        Assert.Equal(Table.Select(row => (string)row[0]), ShipRoster.All.Select(s => s.Id));
        Assert.All(ShipRoster.All, s => Assert.Equal(s.Tons / 2.5, s.Hull));
    }

    [Theory]
    [InlineData("Scout")]
    [InlineData(" patrol_corvette ")]
    public void Section1_ShipIdsAreFoundIgnoringCaseAndSpaces(string id) => Assert.True(ShipRoster.TryGet(id, out _));

    [Theory]
    [InlineData("destroyer")]
    [InlineData("")]
    public void Section1_UnknownShipsAreRejectedAtSetUp(string id)
    {
        Assert.False(ShipRoster.TryGet(id, out _));
        Assert.NotNull(new BattleSetup(id, "scout").Validate());
        Assert.Throws<ArgumentException>(() => Battle.Start(new BattleSetup("scout", id), new SpaceCombat.Core.Dice.ScriptedDice()));
    }
}
