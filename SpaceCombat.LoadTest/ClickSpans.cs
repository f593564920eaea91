using System.Diagnostics;

namespace SpaceCombat.LoadTest;

/// <summary>A measured click: sent, and its effect received, in Stopwatch timestamps.</summary>
public readonly record struct ClickSpan(long Sent, long Received)
{
    public double Milliseconds => Stopwatch.GetElapsedTime(Sent, Received).TotalMilliseconds;
}

/// <summary>The send→receive interval of every measured click, so clicks can be told apart by what happened during them; thread-safe.</summary>
public sealed class ClickSpans
{
    private readonly Lock _gate = new();
    private readonly List<ClickSpan> _clicks = [];

    public void Add(long sent, long received)
    {
        lock (_gate)
        {
            _clicks.Add(new ClickSpan(sent, received));
        }
    }

    /// <summary>The clicks received from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), as the minutes count them.</summary>
    public ClickSpan[] ReceivedBetween(long from, long to)
    {
        lock (_gate)
        {
            return [.. _clicks.Where(c => c.Received >= from && c.Received < to)];
        }
    }

    public ClickSpan[] All()
    {
        lock (_gate)
        {
            return [.. _clicks];
        }
    }
}
