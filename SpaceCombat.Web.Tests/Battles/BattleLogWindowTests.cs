using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Serialization;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class BattleLogWindowTests
{
    private static readonly CheckRoll LaunchCheck = CheckRoll.Make([5, 6], [new Modifier("Gunner", 2)]);

    [Fact]
    public void An_earlier_view_keeps_its_events_while_the_battle_appends_and_trims()
    {
        var log = RoundsOfTurns(1, 3);
        var projection = new BattleLogProjection();
        var before = projection.For(log, Side.One);
        var expected = before.ToArray();

        // Appends that fit the buffer, then whole rounds trimmed at the start (as CombatHistoryLimit does) and more appended.
        log.AddRange(RoundsOfTurns(4, 4));
        var appended = projection.For(log, Side.One);
        log.RemoveAll(e => e.Round < 3);
        log.AddRange(RoundsOfTurns(5, 5));
        var trimmed = projection.For(log, Side.One);

        Assert.Equal(expected, before);
        Assert.Equal(expected.Length, before.Count);
        Assert.Equal(expected.Length + 3, appended.Count);
        Assert.Equal(log, trimmed);
        Assert.Throws<ArgumentOutOfRangeException>(() => before[expected.Length]);
    }

    [Fact]
    public void A_log_that_is_not_the_last_one_trimmed_and_grown_is_rebuilt_without_touching_earlier_views()
    {
        var launch = new MissilesLaunched(1, Side.One, 1, 1, 2, RangeBand.Long, 3, LaunchCheck);
        var log = new List<BattleEvent> { new RoundStarted(1), launch, new TurnEnded(1, Side.One, TurnEndReason.EndTurn) };
        var projection = new BattleLogProjection();
        var defenderBefore = projection.For(log, Side.Two);
        var expected = defenderBefore.ToArray();

        // Its last event gone (a battle restored from its journal has other event objects): not an append.
        var other = new List<BattleEvent> { new RoundStarted(1), new TurnEnded(1, Side.Two, TurnEndReason.TimerExpired), new RoundStarted(2) };
        var defenderAfter = projection.For(other, Side.Two);

        Assert.Equal(expected, defenderBefore);
        Assert.Equal(BattleProjection.SealedCheck, Assert.IsType<MissilesLaunched>(defenderBefore[1]).Check);
        Assert.Equal(other, defenderAfter);
    }

    [Fact]
    public void Appending_to_a_log_allocates_only_the_window_until_its_buffer_is_full()
    {
        var log = RoundsOfTurns(1, 1);
        var projection = new BattleLogProjection();
        projection.For(log, Side.One);
        log.AddRange(RoundsOfTurns(2, 2));
        projection.For(log, Side.One);
        log.AddRange(RoundsOfTurns(3, 3));

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var grown = projection.For(log, Side.One);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(log, grown);
        // A window is one small object; a copied log of 9 events would be over 90 bytes on its own.
        Assert.InRange(allocated, 1, 64);
    }

    [Fact]
    public void A_view_crosses_orleans_and_json_with_the_same_events()
    {
        var launch = new MissilesLaunched(1, Side.One, 1, 1, 2, RangeBand.Long, 3, LaunchCheck);
        var log = new List<BattleEvent> { new BattleStarted("scout", "free_trader", RangeBand.Long), new RoundStarted(1), launch };
        var projection = new BattleLogProjection();
        projection.For(log, Side.Two);
        log.Add(new TurnEnded(1, Side.One, TurnEndReason.EndTurn));
        var view = View(projection.For(log, Side.Two));
        log.Add(new RoundStarted(2));
        projection.For(log, Side.Two);
        var serializer = new ServiceCollection().AddBattleSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        var overOrleans = serializer.Deserialize<Immutable<BattleView>>(serializer.SerializeToArray(view.AsImmutable())).Value;
        var bareWindow = serializer.Deserialize<IReadOnlyList<BattleEvent>>(serializer.SerializeToArray(view.Log))!;
        var overJson = JsonSerializer.Deserialize<BattleView>(JsonSerializer.Serialize(view, BattleJson.Options), BattleJson.Options)!;
        var windowJson = JsonSerializer.Deserialize<BattleLogWindow>(JsonSerializer.Serialize((BattleLogWindow)view.Log, BattleJson.Options), BattleJson.Options)!;

        var expected = Json(log.Take(4).Select(e => e == launch ? launch with { Check = BattleProjection.SealedCheck } : e));
        Assert.Equal(expected, Json(view.Log));
        Assert.Equal(expected, Json(overOrleans.Log));
        Assert.Equal(expected, Json(bareWindow));
        Assert.Equal(expected, Json(overJson.Log));
        Assert.Equal(expected, Json(windowJson));
    }

    private static List<BattleEvent> RoundsOfTurns(int first, int last)
    {
        var log = new List<BattleEvent>();
        for (var round = first; round <= last; round++)
        {
            log.Add(new RoundStarted(round));
            log.Add(new TurnEnded(round, Side.One, TurnEndReason.EndTurn));
            log.Add(new TurnEnded(round, Side.Two, TurnEndReason.EndTurn));
        }
        return log;
    }

    private static BattleView View(IReadOnlyList<BattleEvent> log) =>
        new("ABCDEF", OpponentKind.Person, BattlePhase.InProgress, "scout", "free_trader", RangeBand.Long, null, null, log, null, true, true, null,
            DateTimeOffset.UnixEpoch, 7);

    private static string[] Json(IEnumerable<BattleEvent> events) => events.Select(BattleJson.WriteEvent).ToArray();
}
