using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class BackgroundOperationsTests : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SpaceCombatMetrics _metrics;

    public BackgroundOperationsTests()
    {
        _metrics = new SpaceCombatMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), _time);
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Idle_monitor_disconnects_idle_circuits_on_its_check_interval()
    {
        var options = OperationsTestOptions.Create(o =>
        {
            o.IdleTimeout = TimeSpan.FromSeconds(30);
            o.ConnectionCheckInterval = TimeSpan.FromSeconds(10);
        });
        var registry = new CircuitActivityRegistry(_time, options, _metrics);
        registry.CircuitOpened("c1");
        var disconnected = new TaskCompletionSource<CircuitIdleDisconnect>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = registry.OnIdleDisconnect("c1", d => disconnected.TrySetResult(d));
        using var monitor = new CircuitIdleMonitor(registry, options, _time, NullLogger<CircuitIdleMonitor>.Instance);

        await monitor.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var disconnect = await disconnected.Task.WaitAsync(WaitLimit);
        await monitor.StopAsync(CancellationToken.None);

        Assert.Equal("c1", disconnect.CircuitId);
        Assert.False(registry.CircuitClosed("c1"), "an idle circuit is released");
    }

    [Fact]
    public async Task Metrics_logger_logs_every_figure_on_its_interval()
    {
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = new FakeLogCollector(Options.Create(new FakeLogCollectorOptions { OutputSink = _ => logged.TrySetResult() }));
        var logger = new FakeLogger<MetricsLogger>(collector);
        var options = OperationsTestOptions.Create(o => o.MetricsLogInterval = TimeSpan.FromSeconds(60));
        using var metricsLogger = new MetricsLogger(_metrics, options, _time, logger);
        _metrics.ConnectionOpened();
        _metrics.BattleStarted();
        _metrics.ActionAccepted("fire");

        await metricsLogger.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, collector.Count);
        _time.Advance(TimeSpan.FromSeconds(1));

        await logged.Task.WaitAsync(WaitLimit);
        await metricsLogger.StopAsync(CancellationToken.None);

        var record = collector.GetSnapshot()[0];
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, record.Level);
        var state = record.StructuredState!.ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal("1", state["ConnectionsCurrent"]);
        Assert.Equal("1", state["BattlesCurrent"]);
        Assert.Equal("1", state["ActionsTotal"]);
        foreach (var key in new[]
        {
            "ConnectionsPeak", "ConnectionsTotal", "BattlesPeak", "BattlesTotal", "BattlesPruned", "ActionsRateLimited",
            "IdleDisconnects", "CommandCount", "CommandLatencyAverageMs", "CommandLatencyMaxMs", "MemoryCurrentMiB",
            "MemoryPeakMiB", "Uptime",
        })
        {
            Assert.Contains(key, state.Keys);
        }

        Assert.Equal(TimeSpan.FromSeconds(60).ToString(), state["Uptime"]);
    }
}
