using SpaceCombat.Core.Battles;

namespace SpaceCombat.Core.Tests.Battles;

public class HistoryTests
{
    [Fact]
    public void History_KeepsOnlyTheLastConfiguredRounds()
    {
        var t = Scenario.Start("scout", "seeker", historyRounds: 3);
        Assert.Equal(new[] { 0, 1 }, t.Battle.History.Select(r => r.Round));
        Assert.Contains(t.Battle.History[0].Events, e => e is InitiativeRolled);
        t.SkipTo(6, Side.One);
        Assert.Equal(new[] { 4, 5, 6 }, t.Battle.History.Select(r => r.Round));
        var round5 = t.Battle.History[1].Events;
        Assert.IsType<RoundStarted>(round5[0]);
        Assert.Equal(4, round5.OfType<TurnStarted>().Count() + round5.OfType<TurnEnded>().Count());
        Assert.All(round5, e => Assert.Equal(5, e.Round));
        // Start events stay available even after their round left the history.
        Assert.Contains(t.Battle.StartEvents, e => e is InitiativeRolled);
    }

    [Fact]
    public void History_DefaultsToTenRounds()
    {
        var t = Scenario.Start("scout", "seeker");
        t.SkipTo(15, Side.One);
        Assert.Equal(Enumerable.Range(6, 10), t.Battle.History.Select(r => r.Round));
    }

    [Fact]
    public void History_HoldsEveryEventOfItsRoundsInOrderIncludingAcceptedCommands()
    {
        var t = Scenario.Start("scout", "seeker", historyRounds: 2);
        var fired = t.Accept(new FireLasers(Side.One, 0), 1, 1);
        var last = t.Battle.History[^1];
        Assert.Equal(1, last.Round);
        Assert.Equal(fired[0], last.Events[^1]);
        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        Assert.Equal(fired[0], t.Battle.History[^1].Events[^1]);
    }

    [Fact]
    public void History_RejectsAHistoryOfLessThanOneRound()
    {
        Assert.NotNull(new BattleSetup("scout", "seeker", HistoryRounds: 0).Validate());
        Assert.NotNull(new BattleSetup("scout", "seeker", MaxRounds: 0).Validate());
        Assert.Null(new BattleSetup("scout", "seeker").Validate());
    }
}
