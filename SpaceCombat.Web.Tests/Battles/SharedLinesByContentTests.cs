using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

/// <summary>Lines kept by their own content, as the combat log and the announcer keep them.</summary>
public sealed class SharedLinesByContentTests
{
    [Fact]
    public void The_same_content_gets_the_text_kept_first()
    {
        var texts = new SharedLines<string>(4);
        var first = Share(texts, "2D [4, 5] = 9");
        var again = Share(texts, Fresh("2D [4, 5] = 9"));

        Assert.Same(first, again);
        Assert.Equal("2D [4, 5] = 9", again);
        Assert.NotSame(first, Share(texts, "2D [4, 6] = 10"));
    }

    [Fact]
    public void Past_its_capacity_a_text_is_the_caller_s_own_and_the_kept_ones_are_still_shared()
    {
        var texts = new SharedLines<string>(2);
        var one = Share(texts, "one");
        Share(texts, "two");

        var three = Share(texts, Fresh("three"));
        Assert.Equal("three", three);
        Assert.NotSame(three, Share(texts, Fresh("three")));
        Assert.Same(one, Share(texts, Fresh("one")));
    }

    private static string Share(SharedLines<string> texts, string text) => texts.Share(text, text);

    // A string of its own, not the literal the compiler interns.
    private static string Fresh(string text) => new(text.AsSpan());

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_capacity_below_one_is_refused(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedLines<string>(capacity));
}
