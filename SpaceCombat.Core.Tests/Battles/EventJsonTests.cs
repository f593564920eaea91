using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>The JSON contract of every event: its exact text (what an exported log and a viewer read) and its round trip.</summary>
public class EventJsonTests
{
    private static readonly CheckRoll Hit = CheckRoll.Make([5, 6], [new Modifier("Gunner", 2), new Modifier("Range", -2)]);
    private static readonly CheckRoll Miss = CheckRoll.Make([1, 2], [new Modifier("Gunner", 1)]);
    private static readonly InitiativeRoll Quick = InitiativeRoll.Make([5, 4], [new Modifier("Pilot", 2), new Modifier("Thrust", 2)]);
    private static readonly InitiativeRoll Slow = InitiativeRoll.Make([2, 1], [new Modifier("Pilot", 1), new Modifier("Thrust", 1)]);
    private static readonly DamageRoll Damage = new([4, 3], 2, 3, 4, 1, 7, 40, 33);

    public static TheoryData<string, BattleEvent, string> Contracts() => new()
    {
        { "battle_started", new BattleStarted("scout", "patrol_corvette", RangeBand.Long), """{"type":"battle_started","shipOne":"scout","shipTwo":"patrol_corvette","band":"Long","round":0,"actor":null}""" },
        { "initiative", new InitiativeRolled([new InitiativeAttempt(Slow, Slow), new InitiativeAttempt(Quick, Slow)], Side.One), """{"type":"initiative","attempts":[{"one":{"dice":[2,1],"modifiers":[{"name":"Pilot","value":1},{"name":"Thrust","value":1}],"total":5},"two":{"dice":[2,1],"modifiers":[{"name":"Pilot","value":1},{"name":"Thrust","value":1}],"total":5}},{"one":{"dice":[5,4],"modifiers":[{"name":"Pilot","value":2},{"name":"Thrust","value":2}],"total":13},"two":{"dice":[2,1],"modifiers":[{"name":"Pilot","value":1},{"name":"Thrust","value":1}],"total":5}}],"firstSide":"One","round":0,"actor":"One"}""" },
        { "round_started", new RoundStarted(3), """{"type":"round_started","round":3,"actor":null}""" },
        { "turn_started", new TurnStarted(3, Side.Two, 6), """{"type":"turn_started","side":"Two","turnNumber":6,"round":3,"actor":"Two"}""" },
        { "laser_attack", new LaserAttack(3, Side.One, 1, WeaponKind.PulseLaser, 2, RangeBand.Short, Hit, Damage), """{"type":"laser_attack","side":"One","turretNumber":1,"weapon":"PulseLaser","weaponCount":2,"band":"Short","check":{"dice":[5,6],"modifiers":[{"name":"Gunner","value":2},{"name":"Range","value":-2}],"total":11,"target":8,"effect":3,"success":true},"damage":{"dice":[4,3],"bonus":2,"effect":3,"armour":4,"sand":1,"damage":7,"hullBefore":40,"hullAfter":33},"round":3,"actor":"One"}""" },
        { "laser_attack", new LaserAttack(3, Side.One, 1, WeaponKind.BeamLaser, 1, RangeBand.Medium, Miss, null), """{"type":"laser_attack","side":"One","turretNumber":1,"weapon":"BeamLaser","weaponCount":1,"band":"Medium","check":{"dice":[1,2],"modifiers":[{"name":"Gunner","value":1}],"total":4,"target":8,"effect":-4,"success":false},"damage":null,"round":3,"actor":"One"}""" },
        { "missile_launch", new MissilesLaunched(2, Side.Two, 3, 4, 3, RangeBand.Long, 4, Hit), """{"type":"missile_launch","side":"Two","turretNumber":3,"salvoId":4,"missiles":3,"band":"Long","strikeRound":4,"check":{"dice":[5,6],"modifiers":[{"name":"Gunner","value":2},{"name":"Range","value":-2}],"total":11,"target":8,"effect":3,"success":true},"round":2,"actor":"Two"}""" },
        { "missile_strike", new MissileStrike(4, Side.Two, 4, 2, Hit, [Damage, Damage with { Dice = [1, 1, 2, 6] }]), """{"type":"missile_strike","side":"Two","salvoId":4,"missiles":2,"check":{"dice":[5,6],"modifiers":[{"name":"Gunner","value":2},{"name":"Range","value":-2}],"total":11,"target":8,"effect":3,"success":true},"damage":[{"dice":[4,3],"bonus":2,"effect":3,"armour":4,"sand":1,"damage":7,"hullBefore":40,"hullAfter":33},{"dice":[1,1,2,6],"bonus":2,"effect":3,"armour":4,"sand":1,"damage":7,"hullBefore":40,"hullAfter":33}],"round":4,"actor":"Two"}""" },
        { "point_defence", new PointDefenceFired(3, Side.One, 1, 4, Hit, 2, 0, Miss), """{"type":"point_defence","side":"One","turretNumber":1,"salvoId":4,"check":{"dice":[5,6],"modifiers":[{"name":"Gunner","value":2},{"name":"Range","value":-2}],"total":11,"target":8,"effect":3,"success":true},"destroyed":2,"remaining":0,"revealedLaunchCheck":{"dice":[1,2],"modifiers":[{"name":"Gunner","value":1}],"total":4,"target":8,"effect":-4,"success":false},"round":3,"actor":"One"}""" },
        { "sand", new SandCast(3, Side.One, 1, Hit, 4, 9), """{"type":"sand","side":"One","turretNumber":1,"check":{"dice":[5,6],"modifiers":[{"name":"Gunner","value":2},{"name":"Range","value":-2}],"total":11,"target":8,"effect":3,"success":true},"sandDie":4,"armourBonus":9,"round":3,"actor":"One"}""" },
        { "manoeuvre", new Manoeuvred(5, Side.Two, ManoeuvreDirection.Close, 3, RangeBand.Medium, RangeBand.Medium, new ManoeuvrePool(ManoeuvreDirection.Close, 3)), """{"type":"manoeuvre","side":"Two","direction":"Close","thrust":3,"from":"Medium","to":"Medium","pool":{"direction":"Close","thrust":3,"isEmpty":false},"round":5,"actor":"Two"}""" },
        { "critical", new CriticalHit(3, Side.Two, CriticalCause.Effect, [2, 3], CriticalLocation.Weapon, 1, 1, 3, "turret 3 damaged: DM −1 to its attacks", null), """{"type":"critical","targetSide":"Two","cause":"Effect","locationDice":[2,3],"location":"Weapon","severity":1,"locationSeverity":1,"turretNumber":3,"effect":"turret 3 damaged: DM −1 to its attacks","hullDamage":null,"attackerSide":"One","round":3,"actor":"One"}""" },
        { "critical", new CriticalHit(3, Side.Two, CriticalCause.SustainedDamage, [3, 4], CriticalLocation.Hull, 1, 2, null, "extra hull damage", Damage with { Dice = [5] }), """{"type":"critical","targetSide":"Two","cause":"SustainedDamage","locationDice":[3,4],"location":"Hull","severity":1,"locationSeverity":2,"turretNumber":null,"effect":"extra hull damage","hullDamage":{"dice":[5],"bonus":2,"effect":3,"armour":4,"sand":1,"damage":7,"hullBefore":40,"hullAfter":33},"attackerSide":"One","round":3,"actor":"One"}""" },
        { "turn_ended", new TurnEnded(5, Side.Two, TurnEndReason.TimerExpired), """{"type":"turn_ended","side":"Two","reason":"TimerExpired","round":5,"actor":"Two"}""" },
        { "battle_ended", new BattleEnded(7, new BattleOutcome(Side.One, BattleEndReason.Destroyed, 7)), """{"type":"battle_ended","outcome":{"winner":"One","reason":"Destroyed","rounds":7,"isDraw":false,"loser":"Two"},"round":7,"actor":"One"}""" },
        { "battle_ended", new BattleEnded(9, new BattleOutcome(null, BattleEndReason.RoundLimit, 9)), """{"type":"battle_ended","outcome":{"winner":null,"reason":"RoundLimit","rounds":9,"isDraw":true,"loser":null},"round":9,"actor":null}""" },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void EveryEventKeepsItsJsonContract(string typeName, BattleEvent battleEvent, string json)
    {
        Assert.Equal(json, BattleJson.WriteEvent(battleEvent));
        Assert.Contains($"\"type\":\"{typeName}\"", json);
        var read = BattleJson.ReadEvent(json);
        Assert.Equal(battleEvent.GetType(), read.GetType());
        Assert.Equal(battleEvent.Round, read.Round);
        Assert.Equal(battleEvent.Actor, read.Actor);
        Assert.Equal(json, BattleJson.WriteEvent(read));
    }

    [Fact]
    public void EveryEventTypeHasATypeNameAndAContractTest()
    {
        var named = typeof(BattleEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);
        var types = typeof(BattleEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BattleEvent)) && !t.IsAbstract).ToArray();
        Assert.Equal(types.OrderBy(t => t.Name), named.Keys.OrderBy(t => t.Name));
        Assert.Equal(named.Count, named.Values.Distinct().Count());
        Assert.All(Contracts(), row => Assert.Equal(named[row[1].GetType()], (string)row[0]));
        Assert.Equal(types.Length, Contracts().Select(row => row[1].GetType()).Distinct().Count());
    }

    /// <summary>Events of played battles (every kind the engine emits) read back to the same text.</summary>
    [Fact]
    public void EventsOfPlayedBattlesReadBackToTheSameText()
    {
        var seen = new HashSet<Type>();
        var ships = ShipRoster.All;
        for (var i = 0; i < ships.Count * 3; i++)
        {
            AiDuel.Play(new BattleSetup(ships[i % ships.Count].Id, ships[(i * 3 + 1) % ships.Count].Id, (RangeBand)(i % 7)), new SeededDice(i), e =>
            {
                seen.Add(e.GetType());
                var json = BattleJson.WriteEvent(e);
                Assert.Equal(json, BattleJson.WriteEvent(BattleJson.ReadEvent(json)));
            });
        }
        Assert.Superset(typeof(BattleEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BattleEvent)) && !t.IsAbstract).ToHashSet(), seen);
    }

    [Theory]
    [InlineData("""{"type":"round_started","round":"3"}""")]
    [InlineData("""{"type":"laser_attack","round":3,"side":"One","turret":1,"weapon":"PulseLaser","weaponCount":1,"band":"Short","damage":null}""")]
    [InlineData("""{"type":"missile_strike","round":4,"side":"Two","salvoId":4,"missiles":2,"check":{"dice":[1,1],"modifiers":[],"total":2,"target":8},"damage":null}""")]
    [InlineData("""{"type":"turn_ended","round":5,"side":"Two","reason":0}""")]
    public void ReadingRefusesWhatIsNoEvent(string json) =>
        Assert.ThrowsAny<JsonException>(() => BattleJson.ReadEvent(json));
}
