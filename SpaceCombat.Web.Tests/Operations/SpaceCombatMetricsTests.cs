using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class SpaceCombatMetricsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IMeterFactory _meterFactory;
    private readonly SpaceCombatMetrics _metrics;

    public SpaceCombatMetricsTests()
    {
        _meterFactory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new SpaceCombatMetrics(_meterFactory, _time);
    }

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_meterFactory, SpaceCombatMetrics.MeterName, instrument);

    [Fact]
    public void Connections_track_current_peak_and_total()
    {
        using var current = Collect<long>("spacecombat.connections.current");
        using var peak = Collect<long>("spacecombat.connections.peak");
        using var opened = Collect<long>("spacecombat.connections.opened");

        _metrics.ConnectionOpened();
        _metrics.ConnectionOpened();
        _metrics.ConnectionOpened();
        _metrics.ConnectionClosed();
        _metrics.ConnectionClosed();
        _metrics.ConnectionOpened();

        current.RecordObservableInstruments();
        peak.RecordObservableInstruments();
        Assert.Equal(2, current.LastMeasurement!.Value);
        Assert.Equal(3, peak.LastMeasurement!.Value);
        Assert.Equal(4, opened.GetMeasurementSnapshot().Sum(m => m.Value));

        var snapshot = _metrics.Current;
        Assert.Equal((2, 3, 4), (snapshot.ConnectionsCurrent, snapshot.ConnectionsPeak, snapshot.ConnectionsTotal));
    }

    [Fact]
    public void Closing_more_connections_than_were_opened_never_goes_negative()
    {
        _metrics.ConnectionClosed();
        _metrics.BattleEnded();

        Assert.Equal(0, _metrics.Current.ConnectionsCurrent);
        Assert.Equal(0, _metrics.Current.BattlesCurrent);
    }

    [Fact]
    public void Battles_track_current_peak_total_and_pruned()
    {
        using var current = Collect<long>("spacecombat.battles.current");
        using var started = Collect<long>("spacecombat.battles.started");
        using var pruned = Collect<long>("spacecombat.battles.pruned");

        _metrics.BattleStarted();
        _metrics.BattleStarted();
        _metrics.BattleEnded();
        _metrics.BattlePruned();

        current.RecordObservableInstruments();
        Assert.Equal(1, current.LastMeasurement!.Value);
        Assert.Equal(2, started.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, pruned.GetMeasurementSnapshot().Sum(m => m.Value));

        var snapshot = _metrics.Current;
        Assert.Equal((1L, 2L, 2L, 1L), (snapshot.BattlesCurrent, snapshot.BattlesPeak, snapshot.BattlesTotal, snapshot.BattlesPruned));
    }

    [Fact]
    public void Accepted_actions_are_counted_with_their_kind()
    {
        using var actions = Collect<long>("spacecombat.actions");

        _metrics.ActionAccepted("fire");
        _metrics.ActionAccepted("fire");
        _metrics.ActionAccepted("move");

        var measurements = actions.GetMeasurementSnapshot();
        Assert.Equal(3, measurements.Sum(m => m.Value));
        Assert.Equal(2, measurements.Where(m => Equals(m.Tags["kind"], "fire")).Sum(m => m.Value));
        Assert.Equal(1, measurements.Where(m => Equals(m.Tags["kind"], "move")).Sum(m => m.Value));

        var snapshot = _metrics.Current;
        Assert.Equal(3, snapshot.ActionsTotal);
        Assert.Equal(2, snapshot.ActionsByKind["fire"]);
        Assert.Equal(1, snapshot.ActionsByKind["move"]);
    }

    [Fact]
    public void Rate_limited_actions_and_idle_disconnects_are_counted()
    {
        using var rateLimited = Collect<long>("spacecombat.actions.rate_limited");
        using var idle = Collect<long>("spacecombat.idle_disconnects");

        _metrics.ActionRateLimited();
        _metrics.IdleDisconnect();
        _metrics.IdleDisconnect();

        Assert.Equal(1, rateLimited.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, idle.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal((1L, 2L), (_metrics.Current.ActionsRateLimited, _metrics.Current.IdleDisconnects));
    }

    [Fact]
    public void Command_latency_is_recorded_in_milliseconds()
    {
        using var latency = Collect<double>("spacecombat.command.latency");

        _metrics.RecordCommandLatency(TimeSpan.FromMilliseconds(12));
        _metrics.RecordCommandLatency(TimeSpan.FromMilliseconds(30));

        Assert.Equal([12d, 30d], latency.GetMeasurementSnapshot().Select(m => m.Value));
        var snapshot = _metrics.Current;
        Assert.Equal(2, snapshot.CommandCount);
        Assert.Equal(21d, snapshot.CommandLatencyAverageMs);
        Assert.Equal(30d, snapshot.CommandLatencyMaxMs);
    }

    [Fact]
    public void Uptime_follows_the_time_provider()
    {
        using var uptime = Collect<double>("spacecombat.uptime");

        _time.Advance(TimeSpan.FromMinutes(5));

        uptime.RecordObservableInstruments();
        Assert.Equal(300d, uptime.LastMeasurement!.Value);
        Assert.Equal(TimeSpan.FromMinutes(5), _metrics.Current.Uptime);
    }

    [Fact]
    public void Memory_is_observed_and_peak_is_at_least_current()
    {
        using var current = Collect<long>("spacecombat.memory.current");
        using var peak = Collect<long>("spacecombat.memory.peak");

        current.RecordObservableInstruments();
        peak.RecordObservableInstruments();

        Assert.True(current.LastMeasurement!.Value > 0);
        Assert.True(peak.LastMeasurement!.Value >= current.LastMeasurement.Value);
        var snapshot = _metrics.Current;
        Assert.True(snapshot.MemoryPeakBytes >= snapshot.MemoryCurrentBytes);
    }
}
