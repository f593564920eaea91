using System.Diagnostics;
using SpaceCombat.LoadTest.Server;

namespace SpaceCombat.LoadTest;

/// <summary>The figures of one stretch of a --sustain run: a minute, the window, or the whole run.</summary>
public sealed record SustainWindow
{
    /// <summary>"1", "2", … for the minutes (counted from the start), "held" for the window, "all" for the whole run.</summary>
    public required string Name { get; init; }
    public required double FromSeconds { get; init; }
    public required double ToSeconds { get; init; }
    /// <summary>False once the window has closed: no more arrivals, the battles in flight playing out.</summary>
    public required bool Arriving { get; init; }
    public required double BattlesInPlayAvg { get; init; }
    public required double BattlesInPlayMax { get; init; }
    public required double ArrivalsPerSecond { get; init; }
    public required double ActionsPerSecond { get; init; }
    public required int Clicks { get; init; }
    public required double LatencyP50Ms { get; init; }
    public required double LatencyP95Ms { get; init; }
    public required double LatencyP99Ms { get; init; }
    public required int PagesOpened { get; init; }
    public required double PageInteractiveP50Ms { get; init; }
    public required double PageInteractiveP95Ms { get; init; }
    public required double ServerCpuPercent { get; init; }
    /// <summary>
    /// The server's processor time over the clicks answered (its pages for arrivals and its own timers included, so it
    /// is larger at fewer battles): the same code, mix and battles on a slower host take more, so runs of different
    /// sessions read apart from the host's speed (12-08: 1.7 ms at 1,000 battles, 3.3 at 200).
    /// </summary>
    public required double ServerCpuMsPerAction { get; init; }
    public required double WorkingSetAvgMb { get; init; }
    public required double WorkingSetMaxMb { get; init; }
    public required double HeapAvgMb { get; init; }
    public required double HeapMaxMb { get; init; }
    /// <summary>The heap less its free space, on average: flat while the heap rises means free space settling, not a leak.</summary>
    public required double HeapInUseAvgMb { get; init; }
    public required double GcPauseSeconds { get; init; }
    /// <summary>Time the server's JIT compiler spent compiling in this stretch (s), on any thread.</summary>
    public required double JitSeconds { get; init; }
    /// <summary>The load generator's own GC pauses in the window, and click→update without the clicks they overlapped.</summary>
    public required GeneratorPauseFigures GeneratorPauses { get; init; }
    public required int BattlesCompleted { get; init; }
    public required int BattlesFailed { get; init; }
}

/// <summary>A --sustain run: the held battles, its arrivals, and its figures by minute and for the whole run.</summary>
public sealed record SustainReport
{
    public required int HeldBattles { get; init; }
    public required double WindowSeconds { get; init; }
    /// <summary>From the window's close to the last battle's end.</summary>
    public required double PlayOutSeconds { get; init; }
    public double? ArrivalRateCap { get; init; }
    public required int Arrivals { get; init; }
    /// <summary>Seconds from the start to the first battle's end; null when none ended.</summary>
    public double? FirstBattleEndedAtSeconds { get; init; }
    /// <summary>Arrivals after the first battle ended: at least one shows that arrivals overlapped play.</summary>
    public required int ArrivalsAfterFirstBattleEnded { get; init; }
    public required IReadOnlyList<SustainWindow> Minutes { get; init; }
    /// <summary>
    /// The window alone, while the battles were held and pairs kept arriving: the load the run is about. The play-out
    /// after it is lighter (fewer battles, no arrivals) and may be hurried (--play-out-think-ms), so it is left out.
    /// </summary>
    public required SustainWindow Held { get; init; }
    public required SustainWindow Whole { get; init; }

    private const double Mb = 1024 * 1024;

    /// <summary>Cuts the run into minutes from its start; the last minute ends with the run.</summary>
    public static SustainReport Build(LoadTestOptions options, LevelStats stats, IReadOnlyList<MetricsSample> samples, long windowClosedAt)
    {
        var start = stats.StartTimestamp;
        var end = stats.EndTimestamp ?? Stopwatch.GetTimestamp();
        var minute = 60 * Stopwatch.Frequency;
        var pauses = stats.GeneratorPauses.Snapshot();
        var minutes = new List<SustainWindow>();
        for (var (from, n) = (start, 1); from < end; from += minute, n++)
        {
            minutes.Add(Window(n.ToString(System.Globalization.CultureInfo.InvariantCulture), from, Math.Min(from + minute, end)));
        }
        var firstEnd = stats.Ends.FirstTimestamp;
        return new SustainReport
        {
            HeldBattles = stats.Battles,
            WindowSeconds = Stopwatch.GetElapsedTime(start, windowClosedAt).TotalSeconds,
            PlayOutSeconds = Math.Max(0, Stopwatch.GetElapsedTime(windowClosedAt, end).TotalSeconds),
            ArrivalRateCap = options.ArrivalRate,
            Arrivals = stats.Arrivals.Count,
            FirstBattleEndedAtSeconds = firstEnd is { } at ? Stopwatch.GetElapsedTime(start, at).TotalSeconds : null,
            ArrivalsAfterFirstBattleEnded = firstEnd is { } after ? stats.Arrivals.Between(after, long.MaxValue).Length : 0,
            Minutes = minutes,
            Held = Window("held", start, Math.Min(windowClosedAt, end)),
            Whole = Window("all", start, end),
        };

        SustainWindow Window(string name, long from, long to)
        {
            var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(from, to).TotalSeconds);
            var latencies = stats.Latencies.Between(from, to);
            var interactive = stats.PageInteractive.Between(from, to);
            var inPlay = stats.InPlaySamples.Between(from, to);
            var ends = stats.Ends.Between(from, to);
            var inside = samples.Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
            var (cpuFrom, cpuTo) = (LastAtOrBefore(samples, from), LastAtOrBefore(samples, to));
            var cpuWall = cpuFrom is null || cpuTo is null ? 0 : Stopwatch.GetElapsedTime(cpuFrom.Timestamp, cpuTo.Timestamp).TotalSeconds;
            var cpuSeconds = cpuWall < 1 ? double.NaN : cpuTo!.CpuSeconds - cpuFrom!.CpuSeconds;
            return new SustainWindow
            {
                Name = name,
                FromSeconds = Stopwatch.GetElapsedTime(start, from).TotalSeconds,
                ToSeconds = Stopwatch.GetElapsedTime(start, to).TotalSeconds,
                // A minute that began in the window's last second is play-out already.
                Arriving = from < windowClosedAt - Stopwatch.Frequency,
                BattlesInPlayAvg = inPlay.Length == 0 ? double.NaN : inPlay.Average(),
                BattlesInPlayMax = inPlay.Length == 0 ? double.NaN : inPlay.Max(),
                ArrivalsPerSecond = stats.Arrivals.Between(from, to).Length / seconds,
                ActionsPerSecond = latencies.Length / seconds,
                Clicks = latencies.Length,
                LatencyP50Ms = LevelStats.Percentile(latencies, 50),
                LatencyP95Ms = LevelStats.Percentile(latencies, 95),
                LatencyP99Ms = LevelStats.Percentile(latencies, 99),
                PagesOpened = interactive.Length,
                PageInteractiveP50Ms = LevelStats.Percentile(interactive, 50),
                PageInteractiveP95Ms = LevelStats.Percentile(interactive, 95),
                ServerCpuPercent = Math.Min(100, 100 * cpuSeconds / cpuWall / Environment.ProcessorCount),
                ServerCpuMsPerAction = latencies.Length == 0 ? double.NaN : 1000 * cpuSeconds / latencies.Length,
                WorkingSetAvgMb = Average(inside, s => s.WorkingSetBytes) / Mb,
                WorkingSetMaxMb = Max(inside, s => s.WorkingSetBytes) / Mb,
                HeapAvgMb = Average(inside, s => s.ManagedHeapBytes) / Mb,
                HeapMaxMb = Max(inside, s => s.ManagedHeapBytes) / Mb,
                HeapInUseAvgMb = Average(inside, s => s.HeapInUseBytes) / Mb,
                GcPauseSeconds = cpuFrom is null || cpuTo is null ? double.NaN : cpuTo.GcPauseSeconds - cpuFrom.GcPauseSeconds,
                JitSeconds = cpuFrom is null || cpuTo is null ? double.NaN : cpuTo.JitSeconds - cpuFrom.JitSeconds,
                GeneratorPauses = GeneratorPauseFigures.Of(stats.Clicks.ReceivedBetween(from, to), pauses, from, to),
                BattlesCompleted = ends.Count(e => e > 0),
                BattlesFailed = ends.Count(e => e == 0),
            };
        }
    }

    /// <summary>The last sample taken at or before <paramref name="timestamp"/>, else the first one.</summary>
    private static MetricsSample? LastAtOrBefore(IReadOnlyList<MetricsSample> samples, long timestamp)
    {
        MetricsSample? found = null;
        foreach (var sample in samples)
        {
            if (sample.Timestamp <= timestamp || found is null)
            {
                found = sample;
            }
            if (sample.Timestamp > timestamp)
            {
                break;
            }
        }
        return found;
    }

    private static double Average(List<MetricsSample> samples, Func<MetricsSample, double> value)
    {
        var values = samples.Select(value).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    private static double Max(List<MetricsSample> samples, Func<MetricsSample, double> value)
    {
        var values = samples.Select(value).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? double.NaN : values.Max();
    }
}
