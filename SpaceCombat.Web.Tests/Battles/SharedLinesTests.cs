using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class SharedLinesTests
{
    [Fact]
    public void A_line_is_kept_once_and_handed_to_every_later_caller()
    {
        var lines = new SharedLines<int>(capacity: 4);
        var first = new string('a', 3);
        var second = new string('a', 3);

        Assert.False(lines.TryGet(1, out _));
        Assert.Same(first, lines.Share(1, first));
        Assert.Same(first, lines.Share(1, second));
        Assert.True(lines.TryGet(1, out var kept));
        Assert.Same(first, kept);
    }

    [Fact]
    public void Past_its_capacity_a_line_is_its_callers_own_and_the_lines_kept_before_stay()
    {
        var lines = new SharedLines<int>(capacity: 2);
        var one = lines.Share(1, "one");
        lines.Share(2, "two");

        var own = new string('x', 5);
        Assert.Same(own, lines.Share(3, own));
        Assert.False(lines.TryGet(3, out _));
        var another = new string('x', 5);
        Assert.Same(another, lines.Share(3, another));

        Assert.Same(one, lines.Share(1, new string('o', 3)));
        Assert.True(lines.TryGet(2, out var two));
        Assert.Equal("two", two);
    }

    [Fact]
    public void Lines_shared_from_many_threads_at_once_are_one_per_key_and_never_many_past_the_capacity()
    {
        const int capacity = 64;
        var lines = new SharedLines<int>(capacity);
        var handedOut = new string[8][];

        Parallel.For(0, handedOut.Length, thread =>
        {
            handedOut[thread] = new string[256];
            for (var key = 0; key < 256; key++)
            {
                handedOut[thread][key] = lines.Share(key, $"line {key} from thread {thread}");
            }
        });

        var kept = Enumerable.Range(0, 256).Count(key => lines.TryGet(key, out _));
        Assert.InRange(kept, capacity, capacity + handedOut.Length);
        for (var key = 0; key < 256; key++)
        {
            var keptLine = lines.TryGet(key, out var line) ? line : null;
            for (var thread = 0; thread < handedOut.Length; thread++)
            {
                // Each caller gets the kept line or, before it was kept or past the capacity, its own: never another key's.
                var own = $"line {key} from thread {thread}";
                Assert.True(ReferenceEquals(handedOut[thread][key], keptLine) || handedOut[thread][key] == own, $"key {key}, thread {thread}: {handedOut[thread][key]}");
            }
            if (keptLine is not null)
            {
                Assert.StartsWith($"line {key} from thread ", keptLine, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedLines<int>(0));
    }
}
