using System.Reflection;
using System.Text.Json;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Ai;

public class CaptainMemoryTests
{
    private static string Text(CaptainMemory memory) => JsonSerializer.Serialize(memory, BattleJson.Options);

    [Fact]
    public void Section10_ACaptainRecalledFromItsMemoryDecidesAsTheOriginalAtEveryStep()
    {
        var decisions = 0;
        var ships = ShipRoster.All;
        for (var i = 0; i < ships.Count; i++)
        {
            var battle = Battle.Start(new BattleSetup(ships[i].Id, ships[(i + 2) % ships.Count].Id), new SeededDice(77 + i));
            var captains = new[] { new AiCaptain(Side.One), new AiCaptain(Side.Two) };
            while (battle.Outcome is null && decisions < 100_000)
            {
                var captain = captains[battle.ActiveSide == Side.One ? 0 : 1];
                var recalled = AiCaptain.Recall(captain.Memory);
                Assert.Equal(Text(captain.Memory), Text(recalled.Memory));
                var command = captain.Decide(battle.Snapshot) ?? new EndTurn(captain.Side);
                Assert.Equal(command, recalled.Decide(battle.Snapshot) ?? new EndTurn(captain.Side));
                Assert.Equal(Text(captain.Memory), Text(recalled.Memory));
                battle.Execute(command);
                decisions++;
            }
            Assert.NotNull(battle.Outcome);
        }
        Assert.True(decisions > 100);
    }

    [Fact]
    public void Section10_TheOutmatchedCountSurvivesARecall()
    {
        // A free trader's beam lasers cannot reach Long; the corvette's pulse lasers can, and it has more thrust.
        var t = Scenario.Start("free_trader", "patrol_corvette", Side.One, RangeBand.Long);
        var captain = new AiCaptain(Side.One);
        for (var turn = 0; turn < 3; turn++)
        {
            Assert.NotNull(captain.Decide(t.Snapshot));
            captain = AiCaptain.Recall(captain.Memory);
            t.SkipTo(t.Snapshot.Round + 1, Side.One);
        }
        Assert.Equal(3, captain.OutmatchedTurns);
        Assert.Equal(3, captain.Memory.OutmatchedTurns);
    }

    [Fact]
    public void RecallRefusesAMemoryThatCannotBeACaptains()
    {
        var memory = new AiCaptain(Side.Two).Memory;
        Assert.Throws<ArgumentException>(() => AiCaptain.Recall(memory with { Side = (Side)7 }));
        Assert.Throws<ArgumentException>(() => AiCaptain.Recall(memory with { TurretsConsidered = [-1] }));
        Assert.Throws<ArgumentException>(() => AiCaptain.Recall(memory with { OutmatchedTurns = -1 }));
        Assert.Throws<ArgumentNullException>(() => AiCaptain.Recall(null!));
    }

    /// <summary>What a captain carries between calls must all be in its memory, or a restored battle's AI forgets it.</summary>
    [Fact]
    public void EveryFieldACaptainKeepsIsInItsMemory()
    {
        var fields = typeof(AiCaptain).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Select(f => f.Name).Order().ToArray();
        Assert.True(
            fields.SequenceEqual(["<OutmatchedTurns>k__BackingField", "<Side>k__BackingField", "_lastCountedTurn", "_manoeuvreConsidered", "_turn", "_turretsConsidered"]),
            $"AiCaptain's fields are now {string.Join(", ", fields)}: put what it carries between decisions into CaptainMemory and Recall, then update this list.");
        Assert.Equal(6, typeof(CaptainMemory).GetConstructors().Single().GetParameters().Length);
    }
}
