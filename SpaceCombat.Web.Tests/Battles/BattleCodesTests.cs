using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class BattleCodesTests
{
    [Fact]
    public void A_code_that_is_already_normal_comes_back_as_the_same_string()
    {
        var code = BattleCodes.NewBattleCode();

        Assert.Same(code, BattleCodes.Normalise(code));
    }

    [Theory]
    [InlineData("ab3-xyz ", "AB3XYZ")]
    [InlineData(" a b 3 x y z", "AB3XYZ")]
    [InlineData("AB3-XYZ", "AB3XYZ")]
    [InlineData("\tq7r-9st\n", "Q7R9ST")]
    public void What_a_player_typed_is_upper_cased_without_spaces_and_hyphens(string typed, string expected)
    {
        Assert.Equal(expected, BattleCodes.Normalise(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("AB3XY")]
    [InlineData("AB3XYZA")]
    [InlineData("AB3-XYZ-A")]
    [InlineData("AB0XYZ")]
    [InlineData("ABIXYZ")]
    [InlineData("abl1yz")]
    [InlineData("AB3XY!")]
    [InlineData("ÄB3XYZ")]
    public void Anything_that_cannot_be_a_code_is_null(string? typed)
    {
        Assert.Null(BattleCodes.Normalise(typed));
    }
}
