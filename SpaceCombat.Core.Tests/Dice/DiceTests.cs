using System.Text.Json;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;

namespace SpaceCombat.Core.Tests.Dice;

public class DiceTests
{
    [Fact]
    public void Section11_ScriptedDiceGiveTheScriptInOrderAndFailLoudly()
    {
        var dice = new ScriptedDice(3, 1, 6);
        Assert.Equal(3, dice.Remaining);
        Assert.Equal(3, dice.Roll(6));
        Assert.Equal(1, dice.Roll(6));
        Assert.Throws<InvalidOperationException>(() => dice.Roll(4)); // 6 on a d4
        Assert.Equal(0, dice.Remaining);
        Assert.Throws<InvalidOperationException>(() => dice.Roll(6)); // ran out
        dice.Add(2);
        Assert.Equal(2, dice.Roll(2));
        Assert.Throws<InvalidOperationException>(() => new ScriptedDice(0).Roll(6));
    }

    [Fact]
    public void Section11_SeededDiceAreReproducibleAndInRange()
    {
        var a = new SeededDice(42);
        var b = new SeededDice(42);
        var facesA = Enumerable.Range(0, 1000).Select(_ => a.Roll(6)).ToArray();
        Assert.Equal(facesA, Enumerable.Range(0, 1000).Select(_ => b.Roll(6)).ToArray());
        Assert.All(facesA, f => Assert.InRange(f, 1, 6));
        Assert.Equal(6, facesA.Distinct().Count());
        var c = new SeededDice(43);
        Assert.NotEqual(facesA, Enumerable.Range(0, 1000).Select(_ => c.Roll(6)).ToArray());
    }

    [Fact]
    public void Section11_TheSameSeedPlaysTheSameBattle()
    {
        static string Play(int seed)
        {
            var events = new List<BattleEvent>();
            AiDuel.Play(new BattleSetup("mercenary_cruiser", "patrol_corvette"), new SeededDice(seed), events.Add);
            return JsonSerializer.Serialize(events);
        }

        var first = Play(2024);
        Assert.Equal(first, Play(2024));
        Assert.NotEqual(first, Play(2025));
        Assert.Contains("battle_ended", first);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(20)]
    public void Section11_CryptoDiceFacesAreInRangeAndAllAppear(int sides)
    {
        var faces = Enumerable.Range(0, 2000).Select(_ => CryptoDice.Instance.Roll(sides)).ToArray();
        Assert.All(faces, f => Assert.InRange(f, 1, sides));
        Assert.Equal(sides, faces.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => CryptoDice.Instance.Roll(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeededDice(1).Roll(0));
    }

    [Fact]
    public void Section11_EveryRollIsLoggedWithItsParts()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        var attack = t.Accept(new FireLasers(Side.One, 0), 4, 4, 2, 3).Single<LaserAttack>();
        Assert.Equal(new[] { 4, 4 }, attack.Check.Dice);
        Assert.Equal((10, 8, 2), (attack.Check.Total, attack.Check.Target, attack.Check.Effect));
        Assert.Equal(new[] { 2, 3 }, attack.Damage!.Dice);
    }
}
