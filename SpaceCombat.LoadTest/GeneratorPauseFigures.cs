using System.Diagnostics;

namespace SpaceCombat.LoadTest;

/// <summary>
/// How much of a stretch's click→update the load generator's own garbage collection could account for: its pause
/// time, and the latency tail over the clicks that no generator pause overlapped (beside the all-clicks figure,
/// which stays the headline: the server may well have been slow during those clicks too).
/// </summary>
public sealed record GeneratorPauseFigures
{
    /// <summary>Seconds the generator was paused for garbage collection within the stretch.</summary>
    public required double PauseSeconds { get; init; }
    /// <summary>Pauses that began within the stretch.</summary>
    public required int Pauses { get; init; }
    /// <summary>Measured clicks received within the stretch.</summary>
    public required int Clicks { get; init; }
    /// <summary>Of those, the clicks whose send→receive interval overlapped a generator pause.</summary>
    public required int ClicksSpanningPause { get; init; }
    public double ClicksSpanningPausePercent => Clicks == 0 ? double.NaN : 100.0 * ClicksSpanningPause / Clicks;
    /// <summary>Click→update p95 / p99 (ms) over the clicks that no generator pause overlapped.</summary>
    public required double LatencyP95ExcludingPausesMs { get; init; }
    public required double LatencyP99ExcludingPausesMs { get; init; }

    /// <summary>The figures of the stretch [<paramref name="from"/>, <paramref name="to"/>) for the clicks counted in it.</summary>
    public static GeneratorPauseFigures Of(IReadOnlyCollection<ClickSpan> clicks, PauseTimeline pauses, long from, long to)
    {
        var clear = new List<double>(clicks.Count);
        var spanning = 0;
        foreach (var click in clicks)
        {
            if (pauses.Overlaps(click.Sent, click.Received))
            {
                spanning++;
            }
            else
            {
                clear.Add(click.Milliseconds);
            }
        }
        var clearMs = clear.ToArray();
        return new GeneratorPauseFigures
        {
            PauseSeconds = (double)pauses.PausedTicks(from, to) / Stopwatch.Frequency,
            Pauses = pauses.CountBetween(from, to),
            Clicks = clicks.Count,
            ClicksSpanningPause = spanning,
            LatencyP95ExcludingPausesMs = LevelStats.Percentile(clearMs, 95),
            LatencyP99ExcludingPausesMs = LevelStats.Percentile(clearMs, 99),
        };
    }
}
