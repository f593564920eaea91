using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Logbook;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Logbook;

public class BattleLogbookTests
{
    private static string Text(IEnumerable<BattleEvent> events) => string.Join("\n", events.Select(BattleJson.WriteEvent));

    private static BattleLogbook Start(string one, string two, RangeBand band, ScriptedDice dice, params Side[] aiSides)
    {
        dice.Add(Scenario.InitiativeFor(Side.One));
        return BattleLogbook.Start(new BattleSetup(one, two, band), dice, aiSides);
    }

    private static CommandResult Accept(BattleLogbook logbook, ScriptedDice dice, BattleCommand command, params int[] faces)
    {
        dice.Add(faces);
        var result = logbook.Execute(command);
        Assert.True(result.Accepted, result.Refusal?.Message);
        Assert.Equal(0, dice.Remaining);
        return result;
    }

    [Fact]
    public void TheOpeningHoldsTheSetUpTheInitiativeFacesAndTheAiSides()
    {
        var logbook = Start("scout", "seeker", RangeBand.Short, new ScriptedDice(), Side.Two);
        var opening = logbook.Opening;
        Assert.Equal(LogbookOpening.CurrentFormat, opening.Format);
        Assert.Equal(new BattleSetup("scout", "seeker", RangeBand.Short), opening.Setup);
        Assert.Equal(Scenario.InitiativeFor(Side.One), opening.StartFaces);
        Assert.Equal([Side.Two], opening.AiSides);
        Assert.Empty(logbook.TakeNewEntries());
        Assert.Equal(0, logbook.EntryCount);
    }

    [Fact]
    public void AnAcceptedCommandIsWrittenDownOnceWithTheFacesItRolledARefusedOneNotAtAll()
    {
        var dice = new ScriptedDice();
        var logbook = Start("scout", "mercenary_cruiser", RangeBand.Short, dice);
        Accept(logbook, dice, new FireLasers(Side.One, 0), 6, 5, 3, 4);
        Assert.False(logbook.Execute(new FireLasers(Side.One, 0)).Accepted);
        Accept(logbook, dice, new EndTurn(Side.One));

        var entries = logbook.TakeNewEntries();
        Assert.Equal(2, entries.Count);
        Assert.Equal(new FireLasers(Side.One, 0), entries[0].Command);
        Assert.Equal([6, 5, 3, 4], entries[0].Faces);
        Assert.Null(entries[0].Captain);
        Assert.Equal(new EndTurn(Side.One), entries[1].Command);
        Assert.Empty(entries[1].Faces);
        Assert.Empty(logbook.TakeNewEntries());
        Assert.Equal(2, logbook.EntryCount);
    }

    [Fact]
    public void Section10_EachCommandOfAnAiCaptainCarriesItsMemory()
    {
        // The AI's free trader cannot reach the corvette at Long, whose lasers reach it: each of its turns there is outmatched.
        var dice = new ScriptedDice();
        var logbook = Start("free_trader", "patrol_corvette", RangeBand.Long, dice, Side.One);
        for (var round = 0; round < 5; round++)
        {
            Assert.True(logbook.PlayAiTurn());
            Accept(logbook, dice, new EndTurn(Side.Two));
        }
        var entries = logbook.TakeNewEntries();
        var captains = entries.Where(e => e.Command.Side == Side.One).ToArray();
        Assert.Equal(10, captains.Length);
        Assert.All(captains, e => Assert.Equal(Side.One, e.Captain!.Side));
        Assert.All(entries.Where(e => e.Command.Side == Side.Two), e => Assert.Null(e.Captain));
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], captains.Select(e => e.Captain!.OutmatchedTurns));
        Assert.Equal(5, logbook.MemoryOf(Side.One)!.OutmatchedTurns);
    }

    [Fact]
    public void APersonsSideHasNoCaptainAndPlayAiTurnLeavesItsTurnAlone()
    {
        var logbook = Start("scout", "seeker", RangeBand.Short, new ScriptedDice(), Side.Two);
        Assert.Null(logbook.MemoryOf(Side.One));
        Assert.NotNull(logbook.MemoryOf(Side.Two));
        Assert.False(logbook.PlayAiTurn());
        Assert.Equal(Side.One, logbook.Snapshot.ActiveSide);
    }

    [Fact]
    public void Section6_RestoreRebuildsASalvoInFlightWithItsHiddenCheckAndPlaysOnAlike()
    {
        var dice = new ScriptedDice();
        var original = Start("patrol_corvette", "scout", RangeBand.Long, dice);
        var played = original.StartEvents
            .Concat(Accept(original, dice, new LaunchMissiles(Side.One, 2), 6, 6).Events)
            .Concat(Accept(original, dice, new Manoeuvre(Side.One, ManoeuvreDirection.Close, 4)).Events)
            .ToList();
        var entries = original.TakeNewEntries();

        var events = new List<BattleEvent>();
        var restoredDice = new ScriptedDice();
        var restored = BattleLogbook.Restore(original.Opening, entries, restoredDice, events.Add);
        Assert.Equal(SnapshotText.Of(original.Snapshot), SnapshotText.Of(restored.Snapshot));
        Assert.Equal(2, restored.EntryCount);
        Assert.Equal(Text(played), Text(events));

        // Both play on to the strike with the same faces: the restored salvo reveals the same launch check.
        var strikeFaces = Enumerable.Repeat(3, 12 + 40).ToArray();
        var originalEvents = new List<BattleEvent>();
        var restoredEvents = new List<BattleEvent>();
        while (original.Snapshot.Salvos.Count > 0 && original.Snapshot.Outcome is null)
        {
            dice.Add(strikeFaces);
            restoredDice.Add(strikeFaces);
            var side = original.Snapshot.ActiveSide!.Value;
            originalEvents.AddRange(original.Execute(new EndTurn(side)).Events);
            restoredEvents.AddRange(restored.Execute(new EndTurn(side)).Events);
            Assert.Equal(dice.Remaining, restoredDice.Remaining);
        }
        var strike = originalEvents.Single<MissileStrike>();
        Assert.Equal([6, 6], strike.Check.Dice);
        Assert.Equal(Text(originalEvents), Text(restoredEvents));
        Assert.Equal(SnapshotText.Of(original.Snapshot), SnapshotText.Of(restored.Snapshot));
    }

    [Fact]
    public void Section10_ARestoredLogbookRecallsEachCaptainsLastMemory()
    {
        var setup = new BattleSetup("free_trader", "patrol_corvette", RangeBand.Long);
        var original = BattleLogbook.Start(setup, new SeededDice(11), Side.One, Side.Two);
        for (var turn = 0; turn < 30 && original.Snapshot.Outcome is null; turn++)
        {
            original.PlayAiTurn();
        }
        var restored = BattleLogbook.Restore(original.Opening, original.TakeNewEntries(), new SeededDice(12));
        Assert.Equal(BattleJsonText(original.MemoryOf(Side.One)), BattleJsonText(restored.MemoryOf(Side.One)));
        Assert.Equal(BattleJsonText(original.MemoryOf(Side.Two)), BattleJsonText(restored.MemoryOf(Side.Two)));
    }

    private static string BattleJsonText(CaptainMemory? memory) => System.Text.Json.JsonSerializer.Serialize(memory, BattleJson.Options);

    public static TheoryData<string, string> Drifts() => new()
    {
        { "missing", "rolled a d6 after all 3 recorded faces were used" },
        { "extra", "left 1 recorded face unrolled" },
        { "impossible", "cannot come from a d6" },
        { "refused", "was refused on replay: It is not your turn." },
        { "memory", "no AI captain commands side One" },
        { "start", "The battle's start does not replay" },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public void RestoreRefusesALogbookTheEngineDoesNotReplayAndNamesTheEntry(string drift, string expected)
    {
        var dice = new ScriptedDice();
        var original = Start("scout", "mercenary_cruiser", RangeBand.Short, dice);
        Accept(original, dice, new EndTurn(Side.One));
        Accept(original, dice, new EndTurn(Side.Two));
        Accept(original, dice, new FireLasers(Side.One, 0), 6, 5, 3, 4);
        var entries = original.TakeNewEntries().ToList();
        var opening = original.Opening;
        var fire = entries[2];
        switch (drift)
        {
            case "missing": entries[2] = fire with { Faces = [6, 5, 3] }; break;
            case "extra": entries[2] = fire with { Faces = [6, 5, 3, 4, 1] }; break;
            case "impossible": entries[2] = fire with { Faces = [6, 5, 3, 9] }; break;
            case "refused": entries[2] = fire with { Command = new FireLasers(Side.Two, 0) }; break;
            case "memory": entries[2] = fire with { Captain = new AiCaptain(Side.One).Memory }; break;
            case "start": opening = opening with { StartFaces = [6, 6, 1] }; break;
        }

        var error = Assert.Throws<InvalidDataException>(() => BattleLogbook.Restore(opening, entries, new ScriptedDice()));
        Assert.Contains(expected, error.Message);
        if (drift != "start")
        {
            Assert.StartsWith("Logbook entry 3 (", error.Message);
        }
    }

    [Fact]
    public void RestoreRefusesAnOpeningItCannotRead()
    {
        var opening = BattleLogbook.Start(new BattleSetup("scout", "seeker"), new SeededDice(1)).Opening;
        Assert.Contains("format 2", Assert.Throws<InvalidDataException>(() => BattleLogbook.Restore(opening with { Format = 2 }, [], new SeededDice(1))).Message);
        Assert.Contains("Unknown ship", Assert.Throws<InvalidDataException>(() => BattleLogbook.Restore(opening with { Setup = new BattleSetup("x", "seeker") }, [], new SeededDice(1))).Message);
        Assert.Contains("distinct sides", Assert.Throws<InvalidDataException>(() => BattleLogbook.Restore(opening with { AiSides = [Side.Two, Side.Two] }, [], new SeededDice(1))).Message);
        Assert.Throws<ArgumentException>(() => BattleLogbook.Start(new BattleSetup("scout", "seeker"), new SeededDice(1), (Side)3));
    }
}
