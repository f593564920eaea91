using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class HudTextTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(1023, "1023")]
    [InlineData(1024, "1024")]
    [InlineData(123456, "123456")]
    [InlineData(-3, "-3")]
    public void Numbers_read_as_invariant_text(int value, string expected) => Assert.Equal(expected, HudText.Number(value));

    [Fact]
    public void Small_numbers_clocks_and_titles_are_one_shared_string_each()
    {
        Assert.Same(HudText.Number(42), HudText.Number(42));
        Assert.Same(HudText.Clock(95), HudText.Clock(95));
        Assert.Same(HudText.RoundTitle(3), HudText.RoundTitle(3));
    }

    [Fact]
    public void The_range_tracks_pool_line_is_one_shared_string_per_band_and_pool()
    {
        var banked = HudText.ManoeuvrePool(RangeBand.Medium, new ManoeuvrePool(ManoeuvreDirection.Close, 2));
        var empty = HudText.ManoeuvrePool(RangeBand.Medium, ManoeuvrePool.Empty);

        Assert.Equal($"2 / {RangeTable.ThrustToLeave(RangeBand.Medium)} thrust banked to close", banked);
        Assert.Equal($"No thrust banked · {RangeTable.ThrustToLeave(RangeBand.Medium)} to leave Medium", empty);
        // Pools are new objects with every snapshot: equal ones read as the same string, whichever circuit asks.
        Assert.Same(banked, HudText.ManoeuvrePool(RangeBand.Medium, new ManoeuvrePool(ManoeuvreDirection.Close, 2)));
        Assert.Same(empty, HudText.ManoeuvrePool(RangeBand.Medium, new ManoeuvrePool(null, 0)));
        Assert.Equal($"3 / {RangeTable.ThrustToLeave(RangeBand.Close)} thrust banked to open", HudText.ManoeuvrePool(RangeBand.Close, new ManoeuvrePool(ManoeuvreDirection.Open, 3)));
    }

    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(-5, "00:00")]
    [InlineData(59, "00:59")]
    [InlineData(95, "01:35")]
    [InlineData(3599, "59:59")]
    [InlineData(3600, "60:00")]
    [InlineData(6000, "100:00")]
    public void Turn_clocks_show_minutes_and_seconds(int seconds, string expected) => Assert.Equal(expected, HudText.Clock(seconds));

    [Theory]
    [InlineData(30_000, "30000")]
    [InlineData(29_951, "30000")]
    [InlineData(29_949, "29900")]
    [InlineData(49, "0")]
    [InlineData(0, "0")]
    [InlineData(-1_500, "0")]
    [InlineData(3_599_900, "3599900")]
    [InlineData(3_600_000, "3600000")]
    [InlineData(86_400_000, "86400000")]
    public void Time_left_is_whole_milliseconds_to_a_tenth_of_a_second(int milliseconds, string expected) =>
        Assert.Equal(expected, HudText.TimeLeft(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Time_left_within_the_cached_hour_is_one_shared_string_per_tenth_of_a_second()
    {
        Assert.Same(HudText.TimeLeft(TimeSpan.FromSeconds(30)), HudText.TimeLeft(TimeSpan.FromMilliseconds(30_020)));
        Assert.Same(HudText.TimeLeft(TimeSpan.FromMilliseconds(3_599_900)), HudText.TimeLeft(TimeSpan.FromMilliseconds(3_599_870)));
    }

    [Theory]
    [InlineData(3, 2, "Salvo of 3 from the Type-T Patrol Corvette, strikes in 2 rounds")]
    [InlineData(1, 1, "Salvo of 1 from the Type-T Patrol Corvette, strikes next round")]
    [InlineData(2, 0, "Salvo of 2 from the Type-T Patrol Corvette, strikes this round")]
    [InlineData(2, -1, "Salvo of 2 from the Type-T Patrol Corvette, strikes this round")]
    public void Salvo_names_say_how_many_from_whom_and_when(int missiles, int rounds, string expected) =>
        Assert.Equal(expected, HudText.SalvoName(missiles, "Type-T Patrol Corvette", rounds));

    [Fact]
    public void A_salvo_name_is_one_shared_string_for_every_salvo_and_circuit_that_reads_the_same()
    {
        var name = HudText.SalvoName(4, "Type-S Scout", 3);

        Assert.Same(name, HudText.SalvoName(4, new string("Type-S Scout".AsSpan()), 3));
        Assert.NotSame(name, HudText.SalvoName(4, "Type-S Scout", 2));
    }

    [Theory]
    [InlineData(1, "Round 1 · SpaceCombat")]
    [InlineData(2000, "Round 2000 · SpaceCombat")]
    public void Round_titles_name_the_round(int round, string expected) => Assert.Equal(expected, HudText.RoundTitle(round));

    [Fact]
    public void Side_and_condition_names_match_the_enums()
    {
        Assert.Equal(Side.One.ToString(), HudText.Name(Side.One));
        Assert.Equal(Side.Two.ToString(), HudText.Name(Side.Two));
        foreach (var condition in Enum.GetValues<TurretCondition>())
        {
            Assert.Equal(condition.ToString(), HudText.Name(condition));
        }
    }
}
