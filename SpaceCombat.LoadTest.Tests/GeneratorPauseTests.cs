using System.Diagnostics;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>The load generator's own GC pauses: which clicks they overlapped, by minute, in the reports, and their recording.</summary>
public sealed class GeneratorPauseTests
{
    private static readonly long Second = Stopwatch.Frequency;
    private static long Ms(double milliseconds) => (long)(milliseconds * Stopwatch.Frequency / 1000);

    [Theory]
    [InlineData(120, 150, true)]  // the pause covers the whole click
    [InlineData(50, 300, true)]   // the click covers the whole pause
    [InlineData(50, 120, true)]   // the pause began before the update arrived
    [InlineData(150, 300, true)]  // the pause ended after the click was sent
    [InlineData(199, 201, true)]  // the last tick of the pause
    [InlineData(200, 300, false)] // sent as the pause ended
    [InlineData(20, 100, false)]  // received as the pause began
    [InlineData(10, 50, false)]
    [InlineData(250, 390, false)] // between two pauses
    [InlineData(250, 401, true)]  // into the second
    [InlineData(600, 700, false)] // after every pause
    public void A_click_spans_a_pause_only_when_their_intervals_overlap(long sent, long received, bool expected)
    {
        var timeline = new PauseTimeline([new PauseSpan(400, 500), new PauseSpan(100, 200)]);

        Assert.Equal(expected, timeline.Overlaps(sent, received));
    }

    [Fact]
    public void No_pause_recorded_means_no_click_spans_one()
    {
        var pauses = new GeneratorPauses();
        pauses.Add(300, 300); // empty: not a pause
        pauses.Add(500, 400); // reversed: not a pause

        Assert.Equal(0, pauses.Count);
        Assert.False(pauses.Snapshot().Overlaps(0, long.MaxValue));
    }

    [Fact]
    public void Overlap_search_agrees_with_checking_every_pause()
    {
        var random = new Random(7);
        var pauses = new List<PauseSpan>();
        for (long at = 0; pauses.Count < 300; at += random.Next(1, 400))
        {
            var length = random.Next(1, 60);
            pauses.Add(new PauseSpan(at, at + length));
            at += length;
        }
        var timeline = new PauseTimeline(pauses);

        for (var i = 0; i < 5000; i++)
        {
            long sent = random.Next(-100, 70_000);
            var received = sent + random.Next(0, 500);
            Assert.Equal(pauses.Any(p => p.Start < received && p.End > sent), timeline.Overlaps(sent, received));
        }
    }

    [Fact]
    public void Paused_time_counts_only_the_part_of_each_pause_inside_the_stretch()
    {
        var timeline = new PauseTimeline([new PauseSpan(100, 200), new PauseSpan(400, 500), new PauseSpan(900, 950)]);

        Assert.Equal(50 + 50, timeline.PausedTicks(150, 450));
        Assert.Equal(250, timeline.PausedTicks(0, 1000));
        Assert.Equal(0, timeline.PausedTicks(200, 400));
        Assert.Equal(2, timeline.CountBetween(100, 900)); // pauses that began in it
    }

    [Fact]
    public void Figures_leave_out_the_clicks_that_spanned_a_pause_and_say_how_many_did()
    {
        // 100 clicks of 1..100 ms, one a second; a 300 ms pause overlaps the five slowest (96..100 ms).
        var clicks = Enumerable.Range(1, 100).Select(n => new ClickSpan(n * Second, n * Second + Ms(n))).ToList();
        var timeline = new PauseTimeline([new PauseSpan(96 * Second, 100 * Second + Ms(50))]);

        var figures = GeneratorPauseFigures.Of(clicks, timeline, 0, 200 * Second);

        Assert.Equal(100, figures.Clicks);
        Assert.Equal(5, figures.ClicksSpanningPause);
        Assert.Equal(5.0, figures.ClicksSpanningPausePercent);
        Assert.Equal(91.0, figures.LatencyP95ExcludingPausesMs, 3); // p95 of 1..95 (nearest rank)
        Assert.Equal(95.0, figures.LatencyP99ExcludingPausesMs, 3);
        Assert.Equal(4.05, figures.PauseSeconds, 6);
        Assert.Equal(1, figures.Pauses);
    }

    /// <summary>A sustained run of two minutes: minute 1 has a generator pause over some clicks, minute 2 none.</summary>
    private static (LevelStats Stats, SustainReport Report) TwoMinutes()
    {
        var stats = new LevelStats(battles: 1);
        var start = stats.StartTimestamp;
        // Minute 1: clicks of 10..29 ms at 1 s apart; the four at 20..23 s (ms 20..23) are overlapped by a 3.5 s pause.
        foreach (var n in Enumerable.Range(10, 20))
        {
            stats.Action(start + n * Second, start + n * Second + Ms(n), "Fire");
        }
        // A slow one that the pause made slow: 900 ms from 22.5 s.
        stats.Action(start + 22 * Second + Ms(500), start + 23 * Second + Ms(400), "End Turn");
        stats.GeneratorPauses.Add(start + 20 * Second - Ms(1), start + 23 * Second + Ms(500));
        // Minute 2: forty clicks of 10..49 ms, no pause.
        foreach (var n in Enumerable.Range(60, 40))
        {
            stats.Action(start + n * Second, start + n * Second + Ms(n - 50), "Fire");
        }
        stats.EndTimestamp = start + 120 * Second;
        var options = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--sustain", "120"]);
        return (stats, SustainReport.Build(options, stats, [], windowClosedAt: start + 120 * Second));
    }

    [Fact]
    public void Sustained_minutes_carry_their_own_generator_pauses_and_the_tail_without_the_clicks_they_spanned()
    {
        var (_, report) = TwoMinutes();

        Assert.Equal(2, report.Minutes.Count);
        var first = report.Minutes[0].GeneratorPauses;
        Assert.Equal(21, first.Clicks);
        Assert.Equal(5, first.ClicksSpanningPause); // 20, 21, 22, 23 ms and the 900 ms one
        Assert.Equal(3.501, first.PauseSeconds, 6);
        Assert.Equal(29.0, first.LatencyP95ExcludingPausesMs, 3); // 10..19 and 24..29 ms left
        Assert.Equal(900.0, report.Minutes[0].LatencyP99Ms, 3); // the all-clicks figure still counts it

        var second = report.Minutes[1].GeneratorPauses;
        Assert.Equal(40, second.Clicks);
        Assert.Equal(0, second.ClicksSpanningPause);
        Assert.Equal(0, second.PauseSeconds);
        Assert.Equal(47.0, second.LatencyP95ExcludingPausesMs, 3);
        Assert.Equal(49.0, second.LatencyP99ExcludingPausesMs, 3);

        Assert.Equal(61, report.Whole.GeneratorPauses.Clicks);
        Assert.Equal(5, report.Whole.GeneratorPauses.ClicksSpanningPause);
        Assert.Equal(3.501, report.Whole.GeneratorPauses.PauseSeconds, 6);
    }

    [Fact]
    public void Sustained_table_shows_each_minutes_generator_pause_and_tail_beside_the_all_clicks_figure()
    {
        var (_, report) = TwoMinutes();

        var lines = SustainTables.Markdown(report).Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var header = Cells(lines.Single(line => line.StartsWith("| minute |", StringComparison.Ordinal)));
        var first = Cells(lines.Single(line => line.StartsWith("| 1 |", StringComparison.Ordinal)));
        var second = Cells(lines.Single(line => line.StartsWith("| 2 |", StringComparison.Ordinal)));

        var excluding = header.IndexOf("click→update p95 / p99 ms excluding clicks that spanned a generator GC pause (share that spanned one)");
        Assert.Equal(header.IndexOf("click→update p50 / p95 / p99 ms (clicks)") + 1, excluding);
        Assert.Equal("29.0 / 29.0 (23.8 %)", first[excluding]);
        Assert.Equal("47.0 / 49.0 (0.0 %)", second[excluding]);
        var paused = header.IndexOf("generator GC pause s");
        Assert.Equal("3.50", first[paused]);
        Assert.Equal("0.00", second[paused]);
        Assert.Contains("(21)", first[header.IndexOf("click→update p50 / p95 / p99 ms (clicks)")]);
    }

    [Fact]
    public void Level_report_shows_the_generator_pause_and_the_tail_without_its_clicks_beside_the_all_clicks_figure()
    {
        var (stats, sustain) = TwoMinutes();
        var figures = GeneratorPauseFigures.Of(stats.Clicks.All(), stats.GeneratorPauses.Snapshot(), stats.StartTimestamp, stats.EndTimestamp!.Value);
        var level = Level(figures) with { Sustain = sustain };
        var options = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--sustain", "120"]);

        var markdown = ReportWriter.Markdown(options, new Uri("http://127.0.0.1:5000"), [level], "conditions");

        var lines = markdown.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var header = Cells(lines.Single(line => line.StartsWith("| battles |", StringComparison.Ordinal)));
        var row = Cells(lines.Single(line => line.StartsWith("| 1 | 31 |", StringComparison.Ordinal)));
        Assert.Equal(header.Count, row.Count);
        var all = header.IndexOf("click→update p50 / p95 / p99 (ms)");
        Assert.Equal("120.0 / 250.0 / 900.0", row[all]); // the headline, as given
        Assert.Equal("3.50", row[header.IndexOf("generator GC pause (s)")]);
        Assert.Equal("47.0 / 49.0 (8.2 %)", row[header.IndexOf("click→update p95 / p99 ms excluding clicks that spanned a generator GC pause (share that spanned one)")]);
        Assert.Contains("Load generator's own garbage collection while each level played: 1: not held (no --sync-start), paused 3.50 s in 1 pauses (the runtime's total 3.60 s); 8.2 % of 61 clicks spanned one; p95 / p99 excluding them 47.0 / 49.0 ms", markdown);
        Assert.Contains("battles held for", markdown);
    }

    [Fact]
    public async Task The_listener_records_a_collection_of_this_process_as_a_pause_within_it()
    {
        using var listener = new GeneratorPauseListener(new GeneratorPauses());
        var before = Stopwatch.GetTimestamp();
        var pausedBefore = GC.GetTotalPauseDuration();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = Stopwatch.GetTimestamp();
        var paused = GC.GetTotalPauseDuration() - pausedBefore;

        Assert.True(await listener.CatchUpAsync(TimeSpan.FromSeconds(30)), "the runtime's GC events did not arrive");

        // The forced collection, and any other this process ran meanwhile: the runtime's own total over the same stretch.
        var pauses = listener.Pauses.Snapshot().Pauses.Where(p => p.Start >= before && p.End <= after).ToList();
        Assert.NotEmpty(pauses);
        var recorded = TimeSpan.FromTicks(pauses.Sum(p => Stopwatch.GetElapsedTime(p.Start, p.End).Ticks));
        Assert.InRange(recorded, paused * 0.5, paused * 2 + TimeSpan.FromMilliseconds(1));
    }

    private static List<string> Cells(string row) => [.. row.Trim('|').Split('|').Select(cell => cell.Trim())];

    private static LevelReport Level(GeneratorPauseFigures figures) => new()
    {
        Battles = 1, Clients = "circuit", Solo = false, Started = 31, Completed = 31, Failed = 0, Arrivals = 31, SuccessPercent = 100,
        FailuresByReason = [], Results = [], ElapsedSeconds = 120, DurationP50Seconds = 60, DurationP95Seconds = 90, Actions = 31,
        RateLimited = 0, LatencyP50Ms = 120, LatencyP95Ms = 250, LatencyP99Ms = 900, LatencyMaxMs = 900, NavigationP50Ms = 50,
        NavigationP95Ms = 80, ActionsPerSecond = 0.3, PeakClients = 2, ServerPeakConnections = 2, ServerCpuAvgPercent = 10,
        ServerCpuPeakPercent = 20, ServerWorkingSetBaselineMb = 100, ServerWorkingSetPeakMb = 120, ServerHeapBaselineMb = 50,
        ServerHeapPeakMb = 60, HeapPerCircuitMb = 5, WorkingSetPerCircuitMb = 10, GeneratorGc = "not held (no --sync-start)",
        GeneratorPauses = figures, GeneratorPauseSecondsByRuntime = 3.6,
    };
}
