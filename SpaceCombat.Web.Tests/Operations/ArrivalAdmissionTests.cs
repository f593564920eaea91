using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>
/// Admission of arriving pages on a fake clock: two permits, a queue of three, a hold limit of 3 s. Arrivals past the
/// permits wait oldest first; a permit comes back when its arrival's first render completes, its connection drops, its
/// circuit closes or the hold limit passes; past the queue an arrival is refused and the refusal logged once a minute.
/// </summary>
public sealed class ArrivalAdmissionTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(3);

    private readonly FakeTimeProvider _time = new();
    // The load probe runs on a clock of its own, never advanced, and idle processors: the server is never found
    // saturated unless a test says so.
    private readonly FakeTimeProvider _lagTime = new();
    private readonly FakeProcessorTimes _processors = new();
    private readonly ServerLoad _load;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogCollector _logs = new();
    private readonly SpaceCombatMetrics _metrics;
    private readonly ArrivalAdmission _admission;

    public ArrivalAdmissionTests()
    {
        _metrics = new SpaceCombatMetrics(_services.GetRequiredService<IMeterFactory>(), _time);
        _load = new ServerLoad(Options(HoldLimit), _processors, _lagTime, _metrics);
        _admission = CreateAdmission(HoldLimit);
    }

    private static IOptions<SpaceCombatOptions> Options(TimeSpan holdLimit) => OperationsTestOptions.Create(o =>
    {
        o.ArrivalPermits = 2;
        o.ArrivalQueueLimit = 3;
        o.ArrivalHoldLimit = holdLimit;
        o.ArrivalLagLimit = TimeSpan.FromMilliseconds(20);
        o.ArrivalProcessorLimit = 0.85;
        o.ArrivalBusyWaitLimit = TimeSpan.FromSeconds(5);
    });

    private ArrivalAdmission CreateAdmission(TimeSpan holdLimit) =>
        new(Options(holdLimit), _load, _time, _metrics, new FakeLogger<ArrivalAdmission>(_logs));

    public void Dispose()
    {
        _admission.Dispose();
        _load.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task While_the_server_runs_work_late_an_admitted_arrival_waits_for_a_calm_probe_holding_its_place()
    {
        // A probe 200 ms late: the server is saturated.
        _lagTime.Advance(ServerLoad.ProbeInterval + TimeSpan.FromMilliseconds(200));
        Assert.False(_load.IsCalm);
        var first = _admission.AdmitAsync(CancellationToken.None).AsTask();
        var second = _admission.AdmitAsync(CancellationToken.None).AsTask();
        var third = _admission.AdmitAsync(CancellationToken.None).AsTask();
        Assert.False(first.IsCompleted || second.IsCompleted || third.IsCompleted);
        // The first two hold the permits while they wait; the third waits behind them.
        Assert.Equal(1, _metrics.ArrivalsWaiting);

        // Still late, though less so.
        _lagTime.Advance(ServerLoad.ProbeInterval + TimeSpan.FromMilliseconds(21));
        Assert.False(first.IsCompleted || second.IsCompleted);

        // A probe within the limit, on processors with some to spare, lets the waiting arrivals render.
        _lagTime.Advance(ServerLoad.ProbeInterval + TimeSpan.FromMilliseconds(20));
        Assert.True(_load.IsCalm);
        using var admittedFirst = await first.WaitAsync(Patience);
        using var admittedSecond = await second.WaitAsync(Patience);
        Assert.True(admittedFirst.IsAdmitted && admittedSecond.IsAdmitted);
        Assert.False(third.IsCompleted);

        admittedFirst.Dispose();
        using var admittedThird = await third.WaitAsync(Patience);
        Assert.True(admittedThird.IsAdmitted);
    }

    [Fact]
    public async Task While_the_processors_are_busy_an_admitted_arrival_waits_until_they_have_some_to_spare()
    {
        // 90 % of the machine busy over the window, every probe on time.
        _processors.RunMachine(busy: 0.9, ServerLoad.ProcessorWindow);
        _lagTime.Advance(ServerLoad.ProbeInterval);
        Assert.False(_load.IsCalm);
        var waiting = _admission.AdmitAsync(CancellationToken.None).AsTask();
        _lagTime.Advance(ServerLoad.ProbeInterval);
        Assert.False(waiting.IsCompleted);

        _processors.RunMachine(busy: 0.5, ServerLoad.ProcessorWindow);
        _lagTime.Advance(ServerLoad.ProbeInterval);
        using var admitted = await waiting.WaitAsync(Patience);
        Assert.True(admitted.IsAdmitted);
    }

    [Fact]
    public async Task An_arrival_on_a_server_that_stays_saturated_renders_after_the_busy_wait_limit()
    {
        _lagTime.Advance(ServerLoad.ProbeInterval + TimeSpan.FromSeconds(1));
        var waiting = _admission.AdmitAsync(CancellationToken.None).AsTask();

        _lagTime.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        Assert.False(_load.IsCalm);

        _lagTime.Advance(TimeSpan.FromMilliseconds(1));
        using var admitted = await waiting.WaitAsync(Patience);
        Assert.True(admitted.IsAdmitted);
    }

    [Fact]
    public async Task An_arrival_that_leaves_while_waiting_for_a_calm_probe_gives_back_its_permit()
    {
        _lagTime.Advance(ServerLoad.ProbeInterval + TimeSpan.FromSeconds(1));
        using var leaving = new CancellationTokenSource();
        var left = _admission.AdmitAsync(leaving.Token).AsTask();
        var other = _admission.AdmitAsync(CancellationToken.None).AsTask();
        var next = _admission.AdmitAsync(CancellationToken.None).AsTask();

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left.WaitAsync(Patience));

        // Its permit went to the next arrival, which waits for a calm probe like the other.
        Assert.Equal(0, _metrics.ArrivalsWaiting);
        _lagTime.Advance(ServerLoad.ProbeInterval);
        using var admittedOther = await other.WaitAsync(Patience);
        using var admittedNext = await next.WaitAsync(Patience);
        Assert.True(admittedOther.IsAdmitted && admittedNext.IsAdmitted);
    }

    [Fact]
    public async Task The_arrival_past_the_permits_waits_until_a_permit_is_given_back()
    {
        using var first = await _admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        using var second = await _admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        var third = _admission.AdmitAsync(CancellationToken.None).AsTask();

        Assert.True(first.IsAdmitted && second.IsAdmitted);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, _metrics.ArrivalsWaiting);

        first.Dispose();

        using var admitted = await third.WaitAsync(Patience);
        Assert.True(admitted.IsAdmitted);
        Assert.Equal(0, _metrics.ArrivalsWaiting);
    }

    [Fact]
    public async Task Waiting_arrivals_are_admitted_oldest_first()
    {
        using var first = await _admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        using var second = await _admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        var a = _admission.AdmitAsync(CancellationToken.None).AsTask();
        var b = _admission.AdmitAsync(CancellationToken.None).AsTask();
        var c = _admission.AdmitAsync(CancellationToken.None).AsTask();

        second.Dispose();
        using var admittedA = await a.WaitAsync(Patience);
        Assert.False(b.IsCompleted || c.IsCompleted);

        first.Dispose();
        using var admittedB = await b.WaitAsync(Patience);
        Assert.False(c.IsCompleted);

        admittedA.Dispose();
        using var admittedC = await c.WaitAsync(Patience);
        Assert.True(admittedC.IsAdmitted);
    }

    [Fact]
    public async Task A_permit_held_past_the_hold_limit_is_taken_back_for_the_next_arrival()
    {
        using var expiredHolds = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), SpaceCombatMetrics.MeterName, "spacecombat.arrivals.hold_expired");
        using var first = await _admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        using var second = await _admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        _time.Advance(TimeSpan.FromSeconds(1));
        var waiting = _admission.AdmitAsync(CancellationToken.None).AsTask();

        _time.Advance(HoldLimit - TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        Assert.True(first.IsHeld);

        _time.Advance(TimeSpan.FromMilliseconds(1));

        using var admitted = await waiting.WaitAsync(Patience);
        Assert.True(admitted.IsAdmitted);
        Assert.False(first.IsHeld);
        Assert.False(second.IsHeld);
        Assert.Equal(2, expiredHolds.GetMeasurementSnapshot().Sum(m => m.Value));
        // Giving back a permit already taken back frees nothing more.
        first.Dispose();
        Assert.True(admitted.IsHeld);
    }

    [Fact]
    public async Task A_closed_circuit_gives_back_its_permit_and_one_that_closes_while_waiting_leaves_the_queue()
    {
        var holder = new CircuitArrival(_admission);
        await holder.WaitForAdmissionAsync().WaitAsync(Patience);
        using var other = await _admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        var leaving = new CircuitArrival(_admission);
        var leavingWait = leaving.WaitForAdmissionAsync();
        var next = _admission.AdmitAsync(CancellationToken.None).AsTask();
        Assert.False(leavingWait.IsCompleted || next.IsCompleted);
        Assert.Equal(2, _metrics.ArrivalsWaiting);

        // The waiting circuit closes: it leaves the queue quietly, and takes no permit.
        leaving.Dispose();
        await leavingWait.WaitAsync(Patience);
        Assert.False(leaving.IsRefused);
        Assert.False(next.IsCompleted);

        // The admitted circuit closes before its first render completed: its permit goes to the next arrival.
        holder.Dispose();
        using var admitted = await next.WaitAsync(Patience);
        Assert.True(admitted.IsAdmitted);
        Assert.Equal(0, _metrics.ArrivalsWaiting);
    }

    [Fact]
    public async Task The_first_render_completing_or_the_connection_dropping_gives_back_the_permit()
    {
        var rendered = new CircuitArrival(_admission);
        var disconnected = new CircuitArrival(_admission);
        await rendered.WaitForAdmissionAsync().WaitAsync(Patience);
        await disconnected.WaitForAdmissionAsync().WaitAsync(Patience);
        var a = _admission.AdmitAsync(CancellationToken.None).AsTask();
        var b = _admission.AdmitAsync(CancellationToken.None).AsTask();

        rendered.FirstRenderCompleted();
        using var admittedA = await a.WaitAsync(Patience);
        Assert.False(b.IsCompleted);

        disconnected.ConnectionDown();
        using var admittedB = await b.WaitAsync(Patience);
        Assert.True(admittedB.IsAdmitted);
        rendered.Dispose();
        disconnected.Dispose();
    }

    [Fact]
    public async Task An_arrival_past_the_full_queue_is_refused_at_once_and_refusals_are_logged_once_a_minute()
    {
        // Holds that outlast the minute the log waits, so the queue stays full.
        using var admission = CreateAdmission(TimeSpan.FromHours(1));
        using var refusedCount = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), SpaceCombatMetrics.MeterName, "spacecombat.arrivals.refused");
        using var first = await admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        using var second = await admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        var queued = Enumerable.Range(0, 3).Select(_ => admission.AdmitAsync(CancellationToken.None).AsTask()).ToList();

        var refusedCircuit = new CircuitArrival(admission);
        var wait = refusedCircuit.WaitForAdmissionAsync();
        Assert.True(wait.IsCompleted);
        Assert.True(refusedCircuit.IsRefused);
        var refused = await admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        Assert.False(refused.IsAdmitted);
        Assert.Equal(2, refusedCount.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(queued, q => Assert.False(q.IsCompleted));

        var report = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 1500);
        Assert.Equal(LogLevel.Warning, report.Level);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await admission.AdmitAsync(CancellationToken.None).AsTask().WaitAsync(Patience)).IsAdmitted);
        var reports = _logs.GetSnapshot().Where(r => r.Id.Id == 1500).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("(2 refusals since the last report", reports[1].Message, StringComparison.Ordinal);

        first.Dispose();
        second.Dispose();
        foreach (var permit in await Task.WhenAll(queued.Take(2)).WaitAsync(Patience))
        {
            permit.Dispose();
        }
        (await queued[2].WaitAsync(Patience)).Dispose();
        refusedCircuit.Dispose();
    }
}
