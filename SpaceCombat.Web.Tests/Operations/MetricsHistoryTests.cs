using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class MetricsHistoryTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IMeterFactory _meterFactory;
    private readonly SpaceCombatMetrics _metrics;
    private RuntimeFigures _runtime = new(100 * 1024 * 1024, 40 * 1024 * 1024, 3);

    public MetricsHistoryTests()
    {
        _meterFactory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new SpaceCombatMetrics(_meterFactory, _time);
    }

    public void Dispose() => _services.Dispose();

    private MetricsHistory Create(int capacity = MetricsHistory.DefaultCapacity) =>
        new(_metrics, _time, _meterFactory, Interval, capacity, () => _runtime);

    [Fact]
    public void Does_not_sample_until_someone_subscribes()
    {
        using var history = Create();

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(history.Samples);
        Assert.Null(history.LatestSnapshot);
    }

    [Fact]
    public void The_first_subscriber_starts_sampling_every_interval_and_is_notified()
    {
        using var history = Create();
        var notified = new List<MetricsSample>();

        using var subscription = history.Subscribe(notified.Add);
        Assert.Single(history.Samples); // the baseline, at once

        _time.Advance(Interval);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal(4, history.Samples.Count);
        Assert.Equal(4, notified.Count);
        Assert.Equal(_time.GetUtcNow(), history.Samples[^1].At);
        Assert.Equal(Interval, history.Samples[^1].At - history.Samples[^2].At);
    }

    [Fact]
    public void Sampling_stops_and_the_buffer_empties_when_the_last_subscriber_leaves()
    {
        using var history = Create();
        var first = history.Subscribe(_ => { });
        var second = history.Subscribe(_ => { });
        _time.Advance(Interval);

        first.Dispose();
        _time.Advance(Interval);
        Assert.Equal(3, history.Samples.Count);

        second.Dispose();
        second.Dispose(); // twice is harmless
        Assert.Empty(history.Samples);
        Assert.Null(history.LatestSnapshot);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(history.Samples);

        // A new watcher starts afresh.
        using var third = history.Subscribe(_ => { });
        Assert.Single(history.Samples);
    }

    [Fact]
    public void The_ring_buffer_keeps_only_the_latest_capacity_samples()
    {
        using var history = Create(capacity: 5);
        using var subscription = history.Subscribe(_ => { });

        for (var i = 0; i < 12; i++)
        {
            _time.Advance(Interval);
        }

        var samples = history.Samples;
        Assert.Equal(5, samples.Count);
        Assert.Equal(_time.GetUtcNow(), samples[^1].At);
        Assert.Equal(_time.GetUtcNow() - 4 * Interval, samples[0].At);
        Assert.True(samples.Zip(samples.Skip(1)).All(pair => pair.First.At < pair.Second.At));
    }

    [Fact]
    public void The_default_buffer_holds_ten_minutes_of_two_second_samples()
    {
        using var history = new MetricsHistory(_metrics, _time, _meterFactory);

        Assert.Equal(TimeSpan.FromSeconds(2), history.Interval);
        Assert.Equal(TimeSpan.FromMinutes(10), history.Interval * history.Capacity);
    }

    [Fact]
    public void Rates_are_computed_from_the_counters_over_the_interval()
    {
        using var history = Create();
        using var subscription = history.Subscribe(_ => { });
        Assert.Equal(0, history.Samples[0].ActionsPerSecond);

        for (var i = 0; i < 6; i++)
        {
            _metrics.ActionAccepted("fire");
        }
        _metrics.ActionRateLimited();
        _time.Advance(Interval);

        var sample = history.Samples[^1];
        Assert.Equal(3, sample.ActionsPerSecond);
        Assert.Equal(0.5, sample.RateLimitedPerSecond);

        _time.Advance(Interval);
        Assert.Equal(0, history.Samples[^1].ActionsPerSecond);
        Assert.Equal(0, history.Samples[^1].RateLimitedPerSecond);
    }

    [Fact]
    public void Gauges_and_runtime_figures_are_carried_into_each_sample()
    {
        using var history = Create();
        _metrics.ConnectionOpened();
        _metrics.ConnectionOpened();
        _metrics.BattleStarted();

        using var subscription = history.Subscribe(_ => { });
        _runtime = new RuntimeFigures(200, 50, 7);
        _time.Advance(Interval);

        var sample = history.Samples[^1];
        Assert.Equal(2, sample.Connections);
        Assert.Equal(1, sample.Battles);
        Assert.Equal(200, sample.WorkingSetBytes);
        Assert.Equal(50, sample.ManagedBytes);
        Assert.Equal(7, sample.ThreadPoolQueueLength);
        Assert.Equal(2, history.LatestSnapshot!.ConnectionsPeak);
        Assert.Equal(1, history.LatestSnapshot.BattlesTotal);
    }

    [Fact]
    public void Latency_percentiles_come_from_the_commands_of_each_interval()
    {
        using var history = Create();
        using var subscription = history.Subscribe(_ => { });

        for (var ms = 1; ms <= 100; ms++)
        {
            _metrics.RecordCommandLatency(TimeSpan.FromMilliseconds(ms));
        }
        _time.Advance(Interval);

        Assert.Equal(50, history.Samples[^1].LatencyP50Ms);
        Assert.Equal(95, history.Samples[^1].LatencyP95Ms);

        // The next interval had no command.
        _time.Advance(Interval);
        Assert.Equal(0, history.Samples[^1].LatencyP50Ms);
        Assert.Equal(0, history.Samples[^1].LatencyP95Ms);
    }

    [Fact]
    public void Latencies_of_another_application_in_the_process_are_ignored()
    {
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var otherMetrics = new SpaceCombatMetrics(otherServices.GetRequiredService<IMeterFactory>(), _time);
        using var history = Create();
        using var subscription = history.Subscribe(_ => { });

        otherMetrics.RecordCommandLatency(TimeSpan.FromMilliseconds(500));
        _metrics.RecordCommandLatency(TimeSpan.FromMilliseconds(4));
        _time.Advance(Interval);

        Assert.Equal(4, history.Samples[^1].LatencyP95Ms);
    }

    [Fact]
    public void Latencies_are_not_collected_while_nobody_watches()
    {
        using var history = Create();
        _metrics.RecordCommandLatency(TimeSpan.FromMilliseconds(300));

        using var subscription = history.Subscribe(_ => { });
        _time.Advance(Interval);

        Assert.Equal(0, history.Samples[^1].LatencyP95Ms);
    }

    [Theory]
    [InlineData(new double[0], 50, 0)]
    [InlineData(new double[] { 7 }, 95, 7)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 50, 2)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 95, 4)]
    public void Percentile_is_nearest_rank(double[] sorted, double percentile, double expected) =>
        Assert.Equal(expected, MetricsHistory.Percentile(sorted, percentile));

    [Fact]
    public void A_failing_subscriber_does_not_stop_the_others()
    {
        using var history = Create();
        var calls = 0;
        using var bad = history.Subscribe(_ => throw new InvalidOperationException("page gone"));
        using var good = history.Subscribe(_ => calls++);

        _time.Advance(Interval);
        Assert.Equal(1, calls);

        _time.Advance(Interval);
        Assert.Equal(2, calls);
    }
}
