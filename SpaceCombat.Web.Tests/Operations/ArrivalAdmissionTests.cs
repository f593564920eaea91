using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
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
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogCollector _logs = new();
    private readonly SpaceCombatMetrics _metrics;
    private readonly ArrivalAdmission _admission;

    public ArrivalAdmissionTests()
    {
        _metrics = new SpaceCombatMetrics(_services.GetRequiredService<IMeterFactory>(), _time);
        _admission = CreateAdmission(HoldLimit);
    }

    private ArrivalAdmission CreateAdmission(TimeSpan holdLimit) => new(
        OperationsTestOptions.Create(o =>
        {
            o.ArrivalPermits = 2;
            o.ArrivalQueueLimit = 3;
            o.ArrivalHoldLimit = holdLimit;
        }),
        _time, _metrics, new FakeLogger<ArrivalAdmission>(_logs));

    public void Dispose()
    {
        _admission.Dispose();
        _services.Dispose();
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
