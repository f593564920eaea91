using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class BattleLogProjectionTests
{
    private static readonly CheckRoll LaunchCheck = CheckRoll.Make([5, 6], [new Modifier("Gunner", 2), new Modifier("Range", -2)]);

    [Fact]
    public void A_launch_is_sealed_once_for_every_view_of_the_battle_and_shown_whole_to_its_launcher()
    {
        var launch = new MissilesLaunched(1, Side.One, 3, 1, 2, RangeBand.Long, 3, LaunchCheck);
        var log = new List<BattleEvent> { new BattleStarted("patrol_corvette", "free_trader", RangeBand.Long), new RoundStarted(1), launch };
        var projection = new BattleLogProjection();

        var defenderBefore = projection.For(log, Side.Two);
        log.Add(new TurnEnded(1, Side.One, TurnEndReason.EndTurn));
        var defenderAfter = projection.For(log, Side.Two);
        var spectator = projection.For(log, null);
        var launcher = projection.For(log, Side.One);

        var sealedLaunch = Assert.IsType<MissilesLaunched>(defenderBefore[2]);
        Assert.Equal(BattleProjection.SealedCheck, sealedLaunch.Check);
        Assert.Equal(launch with { Check = BattleProjection.SealedCheck }, sealedLaunch);
        // The same event object in every later view: a circuit describes each event once, by reference.
        Assert.Same(sealedLaunch, defenderAfter[2]);
        Assert.Same(sealedLaunch, spectator[2]);
        Assert.Same(launch, launcher[2]);
    }

    [Fact]
    public void An_unchanged_log_gives_the_same_window_and_a_grown_or_trimmed_one_its_new_events()
    {
        var log = new List<BattleEvent> { new RoundStarted(1), new TurnEnded(1, Side.One, TurnEndReason.EndTurn) };
        var projection = new BattleLogProjection();

        var first = projection.For(log, Side.One);
        Assert.Same(first, projection.For(log, Side.One));

        log.Add(new RoundStarted(2));
        var grown = projection.For(log, Side.One);
        Assert.NotSame(first, grown);
        Assert.Equal(log, grown);

        // Trimmed at the start and grown at the end by as many: the same count, other events.
        log.RemoveAt(0);
        log.Add(new TurnEnded(2, Side.Two, TurnEndReason.TimerExpired));
        Assert.Equal(log, projection.For(log, Side.One));
        Assert.Empty(projection.For([], Side.One));
    }
}
