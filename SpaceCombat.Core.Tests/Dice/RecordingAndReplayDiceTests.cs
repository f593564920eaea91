using SpaceCombat.Core.Dice;

namespace SpaceCombat.Core.Tests.Dice;

public class RecordingAndReplayDiceTests
{
    [Fact]
    public void RecordingDiceWritesDownEveryFaceUntilTaken()
    {
        var dice = new RecordingDice(new ScriptedDice(3, 5, 1, 2));
        Assert.Equal([3, 5], new[] { dice.Roll(6), dice.Roll(6) });
        Assert.Equal(2, dice.Pending);
        Assert.Equal([3, 5], dice.TakeFaces());
        Assert.Empty(dice.TakeFaces());
        Assert.Equal(1, dice.Roll(2));
        Assert.Equal(2, dice.Roll(6));
        Assert.Equal([1, 2], dice.TakeFaces());
    }

    [Fact]
    public void ReplayDiceGiveTheRecordedFacesAndThenRollLive()
    {
        var live = new ScriptedDice(4);
        var dice = new ReplayDice(live);
        dice.Replay([6, 1, 3]);
        Assert.True(dice.Replaying);
        Assert.Equal([6, 1, 3], new[] { dice.Roll(6), dice.Roll(6), dice.Roll(3) });
        dice.EndReplay();
        Assert.False(dice.Replaying);
        Assert.Equal(1, live.Remaining);
        Assert.Equal(4, dice.Roll(6));
    }

    [Fact]
    public void AReplayThatNeedsMoreFacesThanRecordedThrowsInsteadOfRollingLive()
    {
        var live = new ScriptedDice(4);
        var dice = new ReplayDice(live);
        dice.Replay([2]);
        dice.Roll(6);
        var drift = Assert.Throws<InvalidDataException>(() => dice.Roll(6));
        Assert.Contains("after all 1 recorded faces", drift.Message);
        Assert.Equal(1, live.Remaining);
    }

    [Fact]
    public void AReplayThatLeavesFacesOrMeetsAnImpossibleFaceThrows()
    {
        var dice = new ReplayDice(new ScriptedDice());
        dice.Replay([2, 5]);
        dice.Roll(6);
        Assert.Contains("left 1 recorded face unrolled", Assert.Throws<InvalidDataException>(dice.EndReplay).Message);
        Assert.False(dice.Replaying);

        dice.Replay([5]);
        Assert.Contains("5 cannot come from a d3", Assert.Throws<InvalidDataException>(() => dice.Roll(3)).Message);
    }

    [Fact]
    public void ReplaysDoNotNest()
    {
        var dice = new ReplayDice(new ScriptedDice());
        Assert.Throws<InvalidOperationException>(dice.EndReplay);
        dice.Replay([1]);
        Assert.Throws<InvalidOperationException>(() => dice.Replay([2]));
    }
}
