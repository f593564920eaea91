using System.Text.Json;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Logbook;

/// <summary>The JSON contract of what a battle's logbook stores: the opening page and an entry per accepted command.</summary>
public class LogbookJsonTests
{
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, BattleJson.Options);

    [Fact]
    public void TheOpeningKeepsItsJsonContract()
    {
        var opening = new LogbookOpening(1, new BattleSetup("scout", "seeker", RangeBand.Short, 200), [6, 6, 1, 1], [Side.Two]);
        const string json = """{"format":1,"setup":{"shipOne":"scout","shipTwo":"seeker","startBand":"Short","maxRounds":200},"startFaces":[6,6,1,1],"aiSides":["Two"]}""";
        Assert.Equal(json, Write(opening));
        var read = BattleJson.Read<LogbookOpening>(json);
        Assert.Equal(opening.Setup, read.Setup);
        Assert.Equal(json, Write(read));
    }

    [Fact]
    public void APersonsEntryKeepsItsJsonContract()
    {
        var entry = new LogbookEntry(new FireLasers(Side.One, 0), [6, 5, 3, 4]);
        const string json = """{"command":{"type":"fire","turret":0,"laser":null,"side":"One"},"faces":[6,5,3,4]}""";
        Assert.Equal(json, Write(entry));
        var read = BattleJson.Read<LogbookEntry>(json);
        Assert.Equal(entry.Command, read.Command);
        Assert.Equal(entry.Faces, read.Faces);
        Assert.Null(read.Captain);
    }

    [Fact]
    public void AnAiCaptainsEntryKeepsItsJsonContract()
    {
        var entry = new LogbookEntry(new EndTurn(Side.Two), [], new CaptainMemory(Side.Two, 12, true, [0, 2], 12, 3));
        const string json = """{"command":{"type":"end_turn","side":"Two"},"faces":[],"captain":{"side":"Two","turn":12,"manoeuvreConsidered":true,"turretsConsidered":[0,2],"lastCountedTurn":12,"outmatchedTurns":3}}""";
        Assert.Equal(json, Write(entry));
        var read = BattleJson.Read<LogbookEntry>(json);
        Assert.Equal(json, Write(read));
        Assert.Equal(3, read.Captain!.OutmatchedTurns);
    }

    [Theory]
    [InlineData("""{"command":{"type":"end_turn","side":"One"}}""")]
    [InlineData("""{"command":null,"faces":[]}""")]
    [InlineData("""{"command":{"type":"end_turn","side":"One"},"faces":null}""")]
    [InlineData("""{"command":{"type":"end_turn","side":"One"},"faces":["6"]}""")]
    [InlineData("null")]
    public void ReadingRefusesAnEntryWithoutItsCommandOrFaces(string json) =>
        Assert.ThrowsAny<JsonException>(() => BattleJson.Read<LogbookEntry>(json));
}
