namespace SpaceCombat.LoadTest;

/// <summary>One stop-the-world pause of the load generator, in Stopwatch timestamps.</summary>
public readonly record struct PauseSpan(long Start, long End);

/// <summary>
/// The load generator's own garbage-collection pauses, as recorded by <see cref="GeneratorPauseListener"/>. A pause
/// stops every simulated player at once, so a click whose send→receive interval overlaps one was (partly) timed on
/// the generator, not the server. Thread-safe.
/// </summary>
public sealed class GeneratorPauses
{
    private readonly Lock _gate = new();
    private readonly List<PauseSpan> _pauses = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pauses.Count;
            }
        }
    }

    /// <summary>Records a pause from <paramref name="start"/> to <paramref name="end"/>; an empty or reversed one is ignored.</summary>
    public void Add(long start, long end)
    {
        if (end <= start)
        {
            return;
        }
        lock (_gate)
        {
            _pauses.Add(new PauseSpan(start, end));
        }
    }

    /// <summary>The pauses recorded so far, ordered by start: the view the report is built from.</summary>
    public PauseTimeline Snapshot()
    {
        lock (_gate)
        {
            return new PauseTimeline([.. _pauses]);
        }
    }
}

/// <summary>A fixed set of pauses, ordered by start, answering which clicks overlapped one and how long a stretch was paused.</summary>
public sealed class PauseTimeline
{
    private readonly PauseSpan[] _pauses;
    /// <summary>The latest end among the pauses up to each index: lets a binary search skip every pause that ended before a click.</summary>
    private readonly long[] _endsSoFar;

    public PauseTimeline(IEnumerable<PauseSpan> pauses)
    {
        _pauses = [.. pauses.Where(p => p.End > p.Start).OrderBy(p => p.Start)];
        _endsSoFar = new long[_pauses.Length];
        for (var i = 0; i < _pauses.Length; i++)
        {
            _endsSoFar[i] = Math.Max(_pauses[i].End, i > 0 ? _endsSoFar[i - 1] : long.MinValue);
        }
    }

    public IReadOnlyList<PauseSpan> Pauses => _pauses;

    /// <summary>
    /// Whether the interval from <paramref name="sent"/> to <paramref name="received"/> overlaps a pause: a pause that
    /// ended at the send or began at the receipt touched it without delaying it.
    /// </summary>
    public bool Overlaps(long sent, long received)
    {
        // The first pause whose running latest end is past the send: every earlier one ended by the send.
        var low = 0;
        var high = _pauses.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_endsSoFar[middle] > sent)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        // That pause ended after the send; it overlaps unless it began at or after the receipt, as every later one did.
        return low < _pauses.Length && _pauses[low].Start < received;
    }

    /// <summary>Pause time within [<paramref name="from"/>, <paramref name="to"/>) in Stopwatch ticks: a pause across an edge counts its part inside.</summary>
    public long PausedTicks(long from, long to)
    {
        long paused = 0;
        foreach (var pause in _pauses)
        {
            if (pause.Start >= to)
            {
                break;
            }
            var start = Math.Max(pause.Start, from);
            var end = Math.Min(pause.End, to);
            if (end > start)
            {
                paused += end - start;
            }
        }
        return paused;
    }

    /// <summary>Pauses that began within [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public int CountBetween(long from, long to) => _pauses.Count(p => p.Start >= from && p.Start < to);
}
