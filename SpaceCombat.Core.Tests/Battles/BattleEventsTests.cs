using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Tests.Battles;

/// <summary>
/// The engine keeps no log: the start events and each accepted command's events are the whole story, in order,
/// and the caller (the web host, the simulator) keeps what it needs.
/// </summary>
public class BattleEventsTests
{
    [Fact]
    public void StartEvents_TellTheSetUpInitiativeAndTheFirstTurn()
    {
        var t = Scenario.Start("scout", "seeker");

        Assert.Collection(t.Battle.StartEvents,
            e => Assert.Equal(new BattleStarted("scout", "seeker", RangeBand.Medium), e),
            e => Assert.Equal(Side.One, Assert.IsType<InitiativeRolled>(e).FirstSide),
            e => Assert.Equal(new RoundStarted(1), e),
            e => Assert.Equal(new TurnStarted(1, Side.One, 1), e));
    }

    [Fact]
    public void EndingTheLastTurnOfARound_ReturnsTheTurnEndAndTheNextRoundsStartInOrder()
    {
        var t = Scenario.Start("scout", "seeker");
        t.EndTurn();

        var events = t.EndTurn();

        Assert.Equal(
            [new TurnEnded(1, Side.Two, TurnEndReason.EndTurn), new RoundStarted(2), new TurnStarted(2, Side.One, 3)],
            events);
    }

    [Fact]
    public void ARefusedCommand_ReturnsNoEvents()
    {
        var t = Scenario.Start("scout", "seeker");
        var fired = t.Accept(new FireLasers(Side.One, 0), 1, 1);
        Assert.IsType<LaserAttack>(Assert.Single(fired));

        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.TurretAlreadyUsed);
    }

    [Fact]
    public void Setup_RejectsABattleOfLessThanOneRound()
    {
        Assert.NotNull(new BattleSetup("scout", "seeker", MaxRounds: 0).Validate());
        Assert.Null(new BattleSetup("scout", "seeker").Validate());
    }
}
