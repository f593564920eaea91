using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class SharedTextsTests
{
    [Fact]
    public void The_same_content_gets_the_text_kept_first()
    {
        var texts = new SharedTexts(4);
        var first = texts.Share("2D [4, 5] = 9");
        var again = texts.Share(Fresh("2D [4, 5] = 9"));

        Assert.Same(first, again);
        Assert.Equal("2D [4, 5] = 9", again);
        Assert.NotSame(first, texts.Share("2D [4, 6] = 10"));
    }

    [Fact]
    public void Past_its_capacity_a_text_is_the_caller_s_own_and_the_kept_ones_are_still_shared()
    {
        var texts = new SharedTexts(2);
        var one = texts.Share("one");
        texts.Share("two");

        var three = texts.Share(Fresh("three"));
        Assert.Equal("three", three);
        Assert.NotSame(three, texts.Share(Fresh("three")));
        Assert.Same(one, texts.Share(Fresh("one")));
    }

    // A string of its own, not the literal the compiler interns.
    private static string Fresh(string text) => new(text.AsSpan());

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_capacity_below_one_is_refused(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedTexts(capacity));
}
