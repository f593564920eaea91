using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>The JSON contract of every command: its exact text (a change here breaks stored logbooks) and its round trip.</summary>
public class CommandJsonTests
{
    public static TheoryData<string, BattleCommand, string> Contracts() => new()
    {
        { "fire", new FireLasers(Side.One, 1, WeaponKind.BeamLaser), """{"type":"fire","turret":1,"laser":"BeamLaser","side":"One"}""" },
        { "fire", new FireLasers(Side.Two, 0), """{"type":"fire","turret":0,"laser":null,"side":"Two"}""" },
        { "launch_missile", new LaunchMissiles(Side.Two, 2), """{"type":"launch_missile","turret":2,"side":"Two"}""" },
        { "point_defence", new PointDefence(Side.One, 0, 7), """{"type":"point_defence","turret":0,"salvoId":7,"side":"One"}""" },
        { "sandcaster", new CastSand(Side.Two, 1), """{"type":"sandcaster","turret":1,"side":"Two"}""" },
        { "manoeuvre", new Manoeuvre(Side.One, ManoeuvreDirection.Open, 3), """{"type":"manoeuvre","direction":"Open","thrust":3,"side":"One"}""" },
        { "end_turn", new EndTurn(Side.Two), """{"type":"end_turn","side":"Two"}""" },
        { "turn_timer", new ExpireTurn(Side.One, 41), """{"type":"turn_timer","turnNumber":41,"side":"One"}""" },
        { "surrender", new Surrender(Side.Two), """{"type":"surrender","side":"Two"}""" },
        { "forfeit", new Forfeit(Side.One), """{"type":"forfeit","side":"One"}""" },
        { "abandon", new Abandon(), """{"type":"abandon","side":"One"}""" },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void EveryCommandKeepsItsJsonContract(string typeName, BattleCommand command, string json)
    {
        Assert.Equal(typeName, command.Kind);
        Assert.Equal(json, BattleJson.WriteCommand(command));
        var read = BattleJson.ReadCommand(json);
        Assert.Equal(command, read);
        Assert.Equal(json, BattleJson.WriteCommand(read));
    }

    [Fact]
    public void EveryCommandTypeHasItsKindAsTypeNameAndAContractTest()
    {
        var named = typeof(BattleCommand).GetCustomAttributes<JsonDerivedTypeAttribute>().ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);
        var types = typeof(BattleCommand).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BattleCommand)) && !t.IsAbstract).ToArray();
        Assert.Equal(types.OrderBy(t => t.Name), named.Keys.OrderBy(t => t.Name));
        Assert.Equal(named.Count, named.Values.Distinct().Count());
        var tested = Contracts().Select(row => row[1].GetType()).ToHashSet();
        Assert.All(types, t => Assert.Contains(t, tested));
        Assert.All(Contracts(), row => Assert.Equal(named[row[1].GetType()], (string)row[0]));
    }

    [Theory]
    [InlineData("""{"type":"warp","side":"One"}""", "warp")]
    [InlineData("""{"type":"end_turn","side":1}""", "side")]
    [InlineData("""{"type":"end_turn","side":"Three"}""", "side")]
    [InlineData("""{"type":"turn_timer","side":"One"}""", "turnNumber")]
    [InlineData("""{"side":"One"}""", "")]
    public void ReadingRefusesWhatIsNoCommand(string json, string named)
    {
        var error = Assert.ThrowsAny<JsonException>(() => BattleJson.ReadCommand(json));
        Assert.Contains(named, error.Message + error.Path);
    }

    [Fact]
    public void TheTurnACommandWasMeantForIsWrittenWhenItHasOne()
    {
        var json = BattleJson.WriteCommand(new EndTurn(Side.One) { ForTurn = 7 });

        Assert.Equal("""{"type":"end_turn","side":"One","forTurn":7}""", json);
        Assert.Equal(7, BattleJson.ReadCommand(json).ForTurn);
    }

    [Fact]
    public void TheTypeNameNeedNotComeFirst() =>
        Assert.Equal(new ExpireTurn(Side.Two, 3), BattleJson.ReadCommand("""{"turnNumber":3,"side":"Two","type":"turn_timer"}"""));
}
