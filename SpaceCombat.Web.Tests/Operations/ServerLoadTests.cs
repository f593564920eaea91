using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>
/// The load probe on a fake clock and fake processor times: a lag limit of 20 ms and a processor limit of 0.85. The
/// clock advancing by more than the probe interval is a probe that ran late by the difference.
/// </summary>
public sealed class ServerLoadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeProcessorTimes _processors = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SpaceCombatMetrics _metrics;
    private readonly ServerLoad _load;

    public ServerLoadTests()
    {
        _metrics = new SpaceCombatMetrics(_services.GetRequiredService<IMeterFactory>(), _time);
        _load = new ServerLoad(OperationsTestOptions.Create(o =>
        {
            o.ArrivalLagLimit = TimeSpan.FromMilliseconds(20);
            o.ArrivalProcessorLimit = 0.85;
        }), _processors, _time, _metrics);
    }

    public void Dispose()
    {
        _load.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void A_probe_that_runs_late_by_more_than_the_limit_finds_the_server_saturated_and_the_next_on_time_calm()
    {
        using var lags = new MetricCollector<double>(_services.GetRequiredService<IMeterFactory>(), SpaceCombatMetrics.MeterName, SpaceCombatMetrics.ServerLagInstrument);
        Assert.True(_load.IsCalm);

        _time.Advance(ServerLoad.ProbeInterval + TimeSpan.FromMilliseconds(20));
        Assert.Equal(TimeSpan.FromMilliseconds(20), _load.Lag);
        Assert.True(_load.IsCalm);

        _time.Advance(ServerLoad.ProbeInterval + TimeSpan.FromMilliseconds(21));
        Assert.Equal(TimeSpan.FromMilliseconds(21), _load.Lag);
        Assert.False(_load.IsCalm);

        _time.Advance(ServerLoad.ProbeInterval);
        Assert.Equal(TimeSpan.Zero, _load.Lag);
        Assert.True(_load.IsCalm);
        Assert.Equal([20.0, 21.0, 0.0], lags.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public void The_processors_busy_share_is_the_machines_or_without_it_the_processes()
    {
        _processors.RunMachine(busy: 0.84, ServerLoad.ProbeInterval);
        _time.Advance(ServerLoad.ProbeInterval);
        Assert.Equal(0.84, _load.ProcessorBusyShare, 6);
        Assert.True(_load.IsCalm);

        // The process busy too: the machine 0.87 over both probes, above the process's 0.45 of it.
        _processors.RunProcess(busy: 0.9, ServerLoad.ProbeInterval);
        _time.Advance(ServerLoad.ProbeInterval);
        Assert.Equal(0.87, _load.ProcessorBusyShare, 6);
        Assert.False(_load.IsCalm);

        // Without the machine's times, the process's share alone counts: (0.09 + 2) s of 20.2 s, then (… + 19) of 40.2.
        _processors.HasMachine = false;
        _processors.RunProcess(busy: 0.1, TimeSpan.FromSeconds(10));
        _time.Advance(ServerLoad.ProbeInterval);
        Assert.Equal(2.09 / 20.2, _load.ProcessorBusyShare, 6);
        Assert.True(_load.IsCalm);
        _processors.RunProcess(busy: 0.95, TimeSpan.FromSeconds(10));
        _time.Advance(ServerLoad.ProbeInterval);
        Assert.Equal(21.09 / 40.2, _load.ProcessorBusyShare, 6);
    }

    [Fact]
    public void Only_the_last_quarter_second_counts()
    {
        // Six busy probes, then idle ones: each idle probe moves a fifth of the window off the busy stretch.
        for (var probe = 0; probe < 6; probe++)
        {
            _processors.RunMachine(busy: 1.0, ServerLoad.ProbeInterval);
            _time.Advance(ServerLoad.ProbeInterval);
        }
        Assert.Equal(1.0, _load.ProcessorBusyShare, 6);
        Assert.False(_load.IsCalm);
        for (var idle = 1; idle <= 5; idle++)
        {
            _processors.RunMachine(busy: 0.0, ServerLoad.ProbeInterval);
            _time.Advance(ServerLoad.ProbeInterval);
            Assert.Equal((5 - idle) / 5.0, _load.ProcessorBusyShare, 6);
            Assert.True(_load.IsCalm);
        }
    }

    [Fact]
    public async Task A_wait_ends_with_the_next_calm_probe_or_at_its_limit_and_a_cancelled_one_throws()
    {
        await _load.WaitUntilCalmAsync(TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(Patience);

        _time.Advance(ServerLoad.ProbeInterval + TimeSpan.FromSeconds(1));
        var untilCalm = _load.WaitUntilCalmAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        var untilLimit = _load.WaitUntilCalmAsync(TimeSpan.FromMilliseconds(30), CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var cancelled = _load.WaitUntilCalmAsync(TimeSpan.FromSeconds(5), leaving.Token);
        Assert.False(untilCalm.IsCompleted || untilLimit.IsCompleted || cancelled.IsCompleted);
        // Zero: never waits.
        await _load.WaitUntilCalmAsync(TimeSpan.Zero, CancellationToken.None).WaitAsync(Patience);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));

        _time.Advance(TimeSpan.FromMilliseconds(30));
        await untilLimit.WaitAsync(Patience);
        Assert.False(untilCalm.IsCompleted);

        _time.Advance(ServerLoad.ProbeInterval - TimeSpan.FromMilliseconds(30));
        await untilCalm.WaitAsync(Patience);
        Assert.True(_load.IsCalm);
    }

    [Fact]
    public async Task Disposing_releases_the_waits()
    {
        _time.Advance(ServerLoad.ProbeInterval + TimeSpan.FromSeconds(1));
        var waiting = _load.WaitUntilCalmAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _load.Dispose();
        await waiting.WaitAsync(Patience);
    }

    [Theory]
    [InlineData("cpu  100 5 20 800 50 3 2 0 0 0\ncpu0 1 2 3 4", 1.30, 9.80)]
    [InlineData("cpu  7 0 3 80 10", 0.10, 1.00)]
    public void A_stat_line_gives_the_busy_and_the_total_time_without_idle_and_io_wait(string text, double busySeconds, double totalSeconds)
    {
        var times = SystemProcessorTimes.ParseStatLine(System.Text.Encoding.ASCII.GetBytes(text), 0.01);
        Assert.NotNull(times);
        Assert.Equal(busySeconds, times.Value.Busy.TotalSeconds, 6);
        Assert.Equal(totalSeconds, times.Value.Total.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("intr 1 2 3")]
    [InlineData("cpu0 1 2 3 4 5")]
    [InlineData("cpu  1 2 x")]
    [InlineData("cpu  7 0 3 90")]
    [InlineData("cpu  1 2 3 4 99999999999999999999999")]
    public void Text_that_is_not_the_stat_line_gives_nothing(string text) =>
        Assert.Null(SystemProcessorTimes.ParseStatLine(System.Text.Encoding.ASCII.GetBytes(text), 0.01));

    [Fact]
    public void This_machine_s_times_are_read_and_move_forward()
    {
        var source = new SystemProcessorTimes();
        var first = source.ReadProcess();
        var machine = source.ReadMachine();
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(machine);
            Assert.True(machine.Value.Total > machine.Value.Busy);
        }
        Thread.SpinWait(1_000_000);
        var second = source.ReadProcess();
        Assert.True(second.Total > first.Total);
        Assert.True(second.Busy >= first.Busy);
    }
}
