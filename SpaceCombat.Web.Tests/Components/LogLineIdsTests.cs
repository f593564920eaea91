using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class LogLineIdsTests
{
    // Round 0 (set-up), then rounds 1 and 2 with a few turns each.
    private static readonly BattleEvent[] Log =
    [
        new RoundStarted(0), new TurnStarted(0, Side.One, 0),
        new RoundStarted(1), new TurnStarted(1, Side.One, 1), new TurnStarted(1, Side.Two, 2),
        new RoundStarted(2), new TurnStarted(2, Side.One, 3), new TurnStarted(2, Side.Two, 4),
    ];

    [Fact]
    public void An_event_is_named_by_its_round_and_its_place_in_that_round()
    {
        Assert.Equal(LogLineIds.Id(0, 1), LogLineIds.IdAt(Log, 1));
        Assert.Equal(LogLineIds.Id(1, 0), LogLineIds.IdAt(Log, 2));
        Assert.Equal(LogLineIds.Id(1, 2), LogLineIds.IdAt(Log, 4));
        Assert.Equal(LogLineIds.Id(2, 2), LogLineIds.NewestId(Log));
        Assert.Equal(-1, LogLineIds.NewestId([]));
        Assert.Equal(8, Log.Select((_, i) => LogLineIds.IdAt(Log, i)).Distinct().Count());
    }

    [Fact]
    public void A_log_trimmed_of_whole_rounds_at_its_start_keeps_every_other_event_s_name()
    {
        var trimmed = Log[2..];
        for (var i = 0; i < trimmed.Length; i++)
        {
            Assert.Equal(LogLineIds.IdAt(Log, i + 2), LogLineIds.IdAt(trimmed, i));
        }
        var trimmedTwice = Log[5..];
        Assert.Equal(LogLineIds.NewestId(Log), LogLineIds.NewestId(trimmedTwice));
    }

    [Fact]
    public void A_name_has_one_key_object_for_the_server_and_names_past_the_cached_ones_still_compare_equal()
    {
        var id = LogLineIds.Id(199, 40);
        Assert.Same(LogLineIds.Key(id), LogLineIds.Key(id));
        Assert.Equal(id, LogLineIds.Key(id));
        Assert.NotEqual(LogLineIds.Key(id), LogLineIds.Key(LogLineIds.Id(199, 41)));

        var uncached = LogLineIds.Id(300, 500);
        Assert.Equal(LogLineIds.Key(uncached), LogLineIds.Key(uncached));
        Assert.Equal(uncached, LogLineIds.Key(uncached));
    }
}
