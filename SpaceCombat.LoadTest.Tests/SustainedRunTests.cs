using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;
using SpaceCombat.LoadTest.Scenario;
using SpaceCombat.LoadTest.Server;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>--sustain's open-loop arrivals, --mix's scenarios and the options that go with them.</summary>
public sealed class SustainedRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Battles that end when the test says so; each arrival is announced with the fake clock's time.</summary>
    private sealed class ScriptedBattles(TimeProvider time)
    {
        private readonly Dictionary<int, TaskCompletionSource> _battles = [];
        private readonly Channel<(int Index, TimeSpan At)> _arrived = Channel.CreateUnbounded<(int, TimeSpan)>();
        private readonly DateTimeOffset _start = time.GetUtcNow();

        public Task PlayAsync(int index, CancellationToken cancellationToken)
        {
            var battle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_battles)
            {
                _battles[index] = battle;
            }
            _arrived.Writer.TryWrite((index, time.GetUtcNow() - _start));
            return battle.Task;
        }

        public async Task<(int Index, TimeSpan At)> NextArrivalAsync() => await _arrived.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public bool AnotherArrived() => _arrived.Reader.TryRead(out _);

        public void End(int index)
        {
            lock (_battles)
            {
                _battles[index].SetResult();
            }
        }
    }

    [Fact]
    public async Task Open_loop_arrivals_replace_every_battle_that_ends_in_the_window_and_stop_when_it_closes()
    {
        var time = new FakeTimeProvider();
        var stats = new LevelStats(battles: 2);
        var battles = new ScriptedBattles(time);
        var arrivals = new OpenLoopArrivals(2, TimeSpan.FromMinutes(1), arrivalRate: null, stats, battles.PlayAsync, time);

        var run = arrivals.RunAsync(CancellationToken.None);
        var first = await battles.NextArrivalAsync();
        var second = await battles.NextArrivalAsync();
        Assert.Equal([0, 1], new[] { first.Index, second.Index }.Order());

        battles.End(0);
        Assert.Equal(2, (await battles.NextArrivalAsync()).Index); // a new pair as soon as a battle ends
        Assert.False(stats.PlayingOut);

        time.Advance(TimeSpan.FromMinutes(1)); // the window closes: the battles in flight play out, nobody new comes
        Assert.False(run.IsCompleted);
        Assert.True(stats.PlayingOut); // the players still in battle take --play-out-think-ms from here
        battles.End(1);
        battles.End(2);
        await run.WaitAsync(Patience);

        Assert.False(battles.AnotherArrived());
        Assert.Equal(3, stats.Arrivals.Count);
        Assert.NotEqual(0, arrivals.WindowClosedAt);
    }

    /// <summary>
    /// The fake clock, counting the timers made on it: a test advances it only once every waiter has its timer, since a
    /// delay made after an advance counts from the advanced time (and would wait past the arrival it paces).
    /// </summary>
    private sealed class CountedTimers(FakeTimeProvider time) : TimeProvider
    {
        private readonly SemaphoreSlim _made = new(0);

        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public override long GetTimestamp() => time.GetTimestamp();

        public override long TimestampFrequency => time.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = time.CreateTimer(callback, state, dueTime, period);
            _made.Release();
            return timer;
        }

        /// <summary>Completes once <paramref name="timers"/> more timers than were waited for before have been made.</summary>
        public async Task MadeAsync(int timers)
        {
            for (var i = 0; i < timers; i++)
            {
                Assert.True(await _made.WaitAsync(Patience), $"only {i} of {timers} timers were made");
            }
        }
    }

    [Fact]
    public async Task Arrival_rate_spaces_arrivals_evenly_even_when_every_slot_is_free()
    {
        var fake = new FakeTimeProvider();
        var time = new CountedTimers(fake);
        var battles = new ScriptedBattles(time);
        var arrivals = new OpenLoopArrivals(3, TimeSpan.FromMinutes(1), arrivalRate: 0.5, new LevelStats(battles: 3), battles.PlayAsync, time);

        var run = arrivals.RunAsync(CancellationToken.None);
        var times = new List<TimeSpan> { (await battles.NextArrivalAsync()).At };
        // The window's timer, then the two other slots' waits for their places in the pace.
        await time.MadeAsync(3);
        fake.Advance(TimeSpan.FromSeconds(2));
        times.Add((await battles.NextArrivalAsync()).At);
        fake.Advance(TimeSpan.FromSeconds(2));
        times.Add((await battles.NextArrivalAsync()).At);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], times);
        fake.Advance(TimeSpan.FromMinutes(1));
        foreach (var index in new[] { 0, 1, 2 })
        {
            battles.End(index);
        }
        await run.WaitAsync(Patience);
    }

    [Fact]
    public void Mixed_scenarios_come_from_the_roster_mostly_at_Medium_and_repeat_for_a_seed()
    {
        var plans = Enumerable.Range(0, 7000).Select(index => ScenarioMix.For(seed: 19, index)).ToList();

        Assert.Equal(plans, Enumerable.Range(0, 7000).Select(index => ScenarioMix.For(seed: 19, index)));
        Assert.NotEqual(plans, Enumerable.Range(0, 7000).Select(index => ScenarioMix.For(seed: 20, index)));
        var ids = ShipRoster.All.Select(ship => ship.Id).ToHashSet();
        Assert.Equal(ids, plans.Select(plan => plan.Ship).ToHashSet());
        Assert.Equal(ids, plans.Select(plan => plan.EnemyShip).ToHashSet());
        var bands = plans.GroupBy(plan => plan.Range).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enum.GetNames<RangeBand>().ToHashSet(), bands.Keys.ToHashSet());
        Assert.Equal(nameof(RangeBand.Medium), bands.MaxBy(pair => pair.Value).Key);
        Assert.InRange(bands[nameof(RangeBand.Medium)] / 7000.0, 0.35, 0.45);
        Assert.All(plans, plan => Assert.True(RangeTable.TryParse(plan.Range, out _), plan.Range));
    }

    [Fact]
    public void Without_mix_every_battle_plays_the_fixed_scenario()
    {
        var options = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--ship", "scout", "--enemy-ship", "seeker", "--range", "Long"]);

        Assert.Equal(new BattlePlan("scout", "seeker", "Long"), BattlePlan.For(options, 5));
        var mixed = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--mix", "--seed", "3"]);
        Assert.Equal(ScenarioMix.For(3, 5), BattlePlan.For(mixed, 5));
    }

    [Fact]
    public void Sustain_holds_one_number_of_battles_for_its_window()
    {
        var options = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--sustain", "900", "--battles", "1000", "--mix", "--arrival-rate", "2.5"]);

        Assert.Equal(TimeSpan.FromMinutes(15), options.Sustain);
        Assert.Equal([1000], options.Levels);
        Assert.Equal(2.5, options.ArrivalRate);
        Assert.True(options.Mix);
        Assert.Null(options.PlayOutThink);
        Assert.Null(LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000"]).Sustain);
        var fastPlayOut = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--sustain", "120", "--play-out-think-ms", "20-80"]);
        Assert.Equal((20, 80), fastPlayOut.PlayOutThink);
        Assert.Equal((500, 1500), (fastPlayOut.ThinkMinMs, fastPlayOut.ThinkMaxMs));
    }

    [Theory]
    [InlineData("--sustain 60 --progressive 10,20", "--progressive")]
    [InlineData("--sustain 60 --sync-start", "--sync-start")]
    [InlineData("--sustain 60 --clients browser", "circuit clients")]
    [InlineData("--sustain 0", "positive")]
    [InlineData("--arrival-rate 2", "--sustain")]
    [InlineData("--sustain 60 --arrival-rate 0", "--arrival-rate")]
    [InlineData("--sustain 60 --arrival-rate fast", "--arrival-rate")]
    [InlineData("--play-out-think-ms 20-80", "--sustain")]
    [InlineData("--sustain 60 --play-out-think-ms 80-20", "max below min")]
    [InlineData("--sustain 60 --play-out-think-ms quick", "--play-out-think-ms")]
    [InlineData("--mix --ship scout", "--mix")]
    [InlineData("--mix --range Long", "--mix")]
    public void Sustain_arrival_rate_and_mix_refuse_what_they_cannot_honour(string arguments, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", .. arguments.Split(' ')]));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void The_held_row_counts_the_window_alone_and_all_adds_the_play_out()
    {
        var second = System.Diagnostics.Stopwatch.Frequency;
        var stats = new LevelStats(battles: 1);
        var start = stats.StartTimestamp;
        // The window: a click a second for 60 s, 10 ms each. The play-out: ten paced clicks of 900 ms.
        foreach (var n in Enumerable.Range(0, 60))
        {
            stats.Action(start + n * second, start + n * second + second / 100, "Fire");
        }
        foreach (var n in Enumerable.Range(61, 10))
        {
            stats.Action(start + n * second, start + n * second + 9 * second / 10, "End Turn");
        }
        stats.EndTimestamp = start + 90 * second;
        var options = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--sustain", "60"]);

        var report = SustainReport.Build(options, stats, [], windowClosedAt: start + 60 * second);

        Assert.Equal(60, report.Held.Clicks);
        Assert.Equal(10.0, report.Held.LatencyP99Ms, 3);
        Assert.Equal(60.0, report.Held.ToSeconds, 3);
        Assert.Equal(70, report.Whole.Clicks);
        Assert.Equal(900.0, report.Whole.LatencyP99Ms, 3);
        var rows = SustainTables.Markdown(report).Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var held = rows.FindIndex(line => line.StartsWith("| held |", StringComparison.Ordinal));
        Assert.True(held > 0, "the table has a held row");
        Assert.Contains("10.0 / 10.0 / 10.0 (60)", rows[held]);
        Assert.StartsWith("| all |", rows[held + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Each_minute_reports_the_servers_jit_compilation_from_its_samples()
    {
        // A fresh server compiles most in its first minute: 9 s of JIT by its end, 0.5 s more in the second.
        static MetricsSample Sample(long at, double jitSeconds) =>
            new(at, CpuSeconds: 0, WorkingSetBytes: 0, ManagedHeapBytes: 0, Connections: 0, Battles: 0) { JitSeconds = jitSeconds };

        var report = TwoMinuteRun((start, second) => [Sample(start, 3.0), Sample(start + 60 * second, 12.0), Sample(start + 120 * second, 12.5)]);

        Assert.Equal([9.0, 0.5], report.Minutes.Select(m => Math.Round(m.JitSeconds, 3)));
        Assert.Equal(9.5, report.Whole.JitSeconds, 3);
        Assert.Equal("9.00", MinuteCell(report, "1", "JIT s"));
    }

    [Fact]
    public void Each_minute_reports_the_heap_in_use_beside_the_heap_with_its_free_space()
    {
        const double Mb = 1024 * 1024;
        // The heap grows by 100 MB from the first minute to the second, all of it free space: nothing more in use.
        static MetricsSample Sample(long at, double heapMb, double freeMb) =>
            new(at, CpuSeconds: 0, WorkingSetBytes: 0, ManagedHeapBytes: heapMb * Mb, Connections: 0, Battles: 0) { HeapFragmentationBytes = freeMb * Mb };

        var report = TwoMinuteRun((start, second) =>
        [
            Sample(start + 10 * second, 500, 100), Sample(start + 50 * second, 520, 120),
            Sample(start + 70 * second, 600, 200), Sample(start + 110 * second, 620, 220),
        ]);

        Assert.Equal([510.0, 610.0], report.Minutes.Select(m => Math.Round(m.HeapAvgMb, 3)));
        Assert.Equal([400.0, 400.0], report.Minutes.Select(m => Math.Round(m.HeapInUseAvgMb, 3)));
        Assert.Equal("400", MinuteCell(report, "2", SustainTables.HeapInUseColumn));
    }

    [Fact]
    public void Each_minute_reports_the_servers_processor_time_per_click_answered()
    {
        // 3 s of server CPU in the first minute over 2,000 clicks, 1 s in the second over 250.
        var report = TwoMinuteRun(
            (start, second) => [CpuSample(start, 10), CpuSample(start + 60 * second, 13), CpuSample(start + 120 * second, 14)],
            (stats, start, second) =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    stats.Action(start + second, start + second + 1, "Fire");
                }
                for (var i = 0; i < 250; i++)
                {
                    stats.Action(start + 61 * second, start + 61 * second + 1, "Fire");
                }
            });

        Assert.Equal([1.5, 4.0], report.Minutes.Select(m => Math.Round(m.ServerCpuMsPerAction, 3)));
        Assert.Equal(4000.0 / 2250, report.Whole.ServerCpuMsPerAction, 3);
        Assert.Equal("4.00", MinuteCell(report, "2", SustainTables.ServerCpuPerActionColumn));
    }

    [Fact]
    public void A_minute_without_clicks_has_no_processor_time_per_click()
    {
        var report = TwoMinuteRun((start, second) => [CpuSample(start, 10), CpuSample(start + 60 * second, 13), CpuSample(start + 120 * second, 14)]);

        Assert.All(report.Minutes, m => Assert.True(double.IsNaN(m.ServerCpuMsPerAction)));
        Assert.Equal("-", MinuteCell(report, "1", SustainTables.ServerCpuPerActionColumn));
    }

    /// <summary>A server sample of its processor time alone.</summary>
    private static MetricsSample CpuSample(long at, double cpuSeconds) =>
        new(at, CpuSeconds: cpuSeconds, WorkingSetBytes: 0, ManagedHeapBytes: 0, Connections: 0, Battles: 0);

    /// <summary>A two-minute --sustain run, reported from the server samples (and any clicks) made for its start and its second.</summary>
    private static SustainReport TwoMinuteRun(Func<long, long, MetricsSample[]> samples, Action<LevelStats, long, long>? clicks = null)
    {
        var second = System.Diagnostics.Stopwatch.Frequency;
        var stats = new LevelStats(battles: 1);
        var start = stats.StartTimestamp;
        stats.EndTimestamp = start + 120 * second;
        clicks?.Invoke(stats, start, second);
        var options = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--sustain", "120"]);
        return SustainReport.Build(options, stats, samples(start, second), windowClosedAt: start + 120 * second);
    }

    /// <summary>A minute's cell in the Markdown table's column of that name; the test fails when there is no such column.</summary>
    private static string MinuteCell(SustainReport report, string minute, string column)
    {
        var rows = SustainTables.Markdown(report).Split('\n');
        var header = rows.First(line => line.StartsWith("| minute |", StringComparison.Ordinal)).Split(" | ");
        var index = Array.IndexOf(header, column);
        Assert.True(index > 0, $"the table has a column \"{column}\"");
        return rows.First(line => line.StartsWith($"| {minute} |", StringComparison.Ordinal)).Split(" | ")[index];
    }
}
