using SpaceCombat.Web.Components.Battle;

namespace SpaceCombat.Web.Tests.Components;

public sealed class LogTextTests
{
    private const string Hit = "Your Type-S Scout fires turret 1 (Pulse Laser) at Medium: 2D [4, 5] + Gunner 1 = 10 vs 8, Effect +2 — hit. "
        + "Damage 2D [3, 6] + Effect 2 − Armour 4 = 7 (hull 80 → 73).";

    [Fact]
    public void A_hit_is_cut_into_the_attack_its_roll_the_outcome_and_the_hull_s_change()
    {
        var text = LogText.Of(Hit);

        Assert.Equal("Your Type-S Scout fires turret 1 (Pulse Laser) at Medium: ", text.First);
        Assert.Equal("2D [4, 5] + Gunner 1 = 10 vs 8, Effect +2", text.Second);
        Assert.Equal(" — hit. Damage 2D [3, 6] + Effect 2 − Armour 4 = 7", text.Third);
        Assert.Equal(" (hull 80 → 73).", text.Fourth);
        Assert.Equal(Hit, text.ToString());
    }

    [Fact]
    public void A_line_without_the_marks_is_one_part()
    {
        var text = LogText.Of("Your Type-S Scout ends its turn.");

        Assert.Equal(new LogText("Your Type-S Scout ends its turn.", null, null, null), text);
    }

    [Theory]
    [InlineData("Your Type-S Scout ends its turn.")]
    [InlineData("Initiative: your Type-S Scout 2D [4, 4] + Pilot 2 + Thrust 2 = 12, the enemy Type-K Safari Ship 2D [3, 3] + Pilot 1 + Thrust 2 = 9. Your Type-S Scout acts first each round.")]
    [InlineData("Ends with its mark: ")]
    [InlineData("Enemy Type-A Free Trader fires turret 2 (Beam Laser) at Short: 2D [1, 2] = 3 vs 8, Effect −5 — miss.")]
    [InlineData("Critical hit on your Type-S Scout (sustained damage): 2D [3, 4] = 7 → Hull, severity 1 (total 1): hull damage. Extra damage 1D [3] = 3 (hull 40 → 37).")]
    [InlineData("A line — with — two marks (hull 1 → 0) and — after the hull")]
    public void The_parts_joined_are_the_line(string line) => Assert.Equal(line, LogText.Of(line).ToString());

    [Fact]
    public void The_same_parts_in_two_lines_are_the_same_strings()
    {
        var one = LogText.Of(Hit);
        var other = LogText.Of(Hit.Replace("(hull 80 → 73)", "(hull 75 → 68)", StringComparison.Ordinal));

        Assert.Same(one.First, other.First);
        Assert.Same(one.Second, other.Second);
        Assert.Same(one.Third, other.Third);
        Assert.NotEqual(one.Fourth, other.Fourth);
        Assert.Same(one.Fourth, LogText.Of(new string(Hit.AsSpan())).Fourth);
    }
}
