using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Admits arriving pages (new circuits) to their first interactive render a few at a time, oldest first, so that when
/// the server is saturated the players already in battle keep the processors and arrivals queue behind each other
/// instead of slowing everyone. <see cref="SpaceCombatOptions.ArrivalPermits"/> renders at once,
/// <see cref="SpaceCombatOptions.ArrivalQueueLimit"/> waiting (one more is refused), each permit held at most
/// <see cref="SpaceCombatOptions.ArrivalHoldLimit"/>. An admitted arrival also waits (at most
/// <see cref="SpaceCombatOptions.ArrivalBusyWaitLimit"/>) while <see cref="ServerLoad"/> finds the server saturated.
/// Singleton; a circuit takes its permit through <see cref="CircuitArrival"/>.
/// </summary>
public sealed partial class ArrivalAdmission : IDisposable
{
    public const string RefusedMessage = "Too many players are joining right now and this server cannot queue any more. Reload this page in a minute.";

    private static readonly TimeSpan LogWindow = TimeSpan.FromMinutes(1);

    private readonly ConcurrencyLimiter _permits;
    private readonly TimeSpan _holdLimit;
    private readonly TimeSpan _busyWaitLimit;
    private readonly ServerLoad _load;
    private readonly TimeProvider _time;
    private readonly SpaceCombatMetrics _metrics;
    private readonly ILogger<ArrivalAdmission> _logger;
    private readonly Lock _refusalsLock = new();
    private DateTimeOffset _refusalsReportedAt = DateTimeOffset.MinValue;
    private int _unreportedRefusals;

    public ArrivalAdmission(IOptions<SpaceCombatOptions> options, ServerLoad load, TimeProvider time, SpaceCombatMetrics metrics, ILogger<ArrivalAdmission> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _holdLimit = settings.ArrivalHoldLimit;
        _busyWaitLimit = settings.ArrivalBusyWaitLimit;
        _load = load;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _permits = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.ArrivalPermits,
            QueueLimit = settings.ArrivalQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>
    /// Waits (behind earlier arrivals) for a permit to render. Dispose the permit once the first render has completed;
    /// it is taken back anyway after <see cref="SpaceCombatOptions.ArrivalHoldLimit"/>. With the queue full the
    /// result is a refusal (<see cref="ArrivalPermit.IsAdmitted"/> false, logged at most once a minute).
    /// </summary>
    /// <exception cref="OperationCanceledException">The arrival left (its circuit closed) while it waited.</exception>
    public async ValueTask<ArrivalPermit> AdmitAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        // Never jumps the queue: with arrivals waiting, this fails and the arrival queues behind them.
        var lease = _permits.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            _metrics.ArrivalQueued();
            try
            {
                lease = await _permits.AcquireAsync(1, cancellationToken);
            }
            finally
            {
                _metrics.ArrivalDequeued();
            }
        }
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            Refuse();
            return ArrivalPermit.Refused;
        }
        try
        {
            // Holding its place, so arrivals still go oldest first: a saturated server serves the players in battle.
            await _load.WaitUntilCalmAsync(_busyWaitLimit, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lease.Dispose();
            throw;
        }
        _metrics.RecordArrivalWait(_time.GetElapsedTime(started));
        return new ArrivalPermit(lease, _holdLimit, _time, _metrics);
    }

    public void Dispose() => _permits.Dispose();

    private void Refuse()
    {
        _metrics.ArrivalRefused();
        int refusals;
        lock (_refusalsLock)
        {
            _unreportedRefusals++;
            var now = _time.GetUtcNow();
            if (now - _refusalsReportedAt < LogWindow)
            {
                return;
            }
            _refusalsReportedAt = now;
            refusals = _unreportedRefusals;
            _unreportedRefusals = 0;
        }
        LogArrivalsRefused(_logger, refusals);
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning,
        Message = "Arriving pages refused: the admission queue is full ({Refusals} refusals since the last report, at most one report a minute)")]
    private static partial void LogArrivalsRefused(ILogger logger, int refusals);
}

/// <summary>
/// One arrival's place among <see cref="SpaceCombatOptions.ArrivalPermits"/>, or a refusal. Disposing it (or
/// <see cref="SpaceCombatOptions.ArrivalHoldLimit"/> passing) gives the place to the next arrival; disposing twice is harmless.
/// </summary>
public sealed class ArrivalPermit : IDisposable
{
    /// <summary>The answer to an arrival the full queue could not take.</summary>
    public static readonly ArrivalPermit Refused = new();

    private readonly RateLimitLease? _lease;
    private readonly SpaceCombatMetrics? _metrics;
    private readonly ITimer? _holdLimit;
    private int _released;

    private ArrivalPermit()
    {
        _released = 1;
    }

    internal ArrivalPermit(RateLimitLease lease, TimeSpan holdLimit, TimeProvider time, SpaceCombatMetrics metrics)
    {
        _lease = lease;
        _metrics = metrics;
        _holdLimit = time.CreateTimer(static permit => ((ArrivalPermit)permit!).HoldLimitReached(), this, holdLimit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>False for a refusal: the page shows <see cref="ArrivalAdmission.RefusedMessage"/>.</summary>
    public bool IsAdmitted => _lease is not null;

    /// <summary>Whether the place is still held (neither disposed nor taken back).</summary>
    public bool IsHeld => Volatile.Read(ref _released) == 0;

    public void Dispose() => Release();

    private void HoldLimitReached()
    {
        if (Release())
        {
            _metrics?.ArrivalHoldExpired();
        }
    }

    private bool Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return false;
        }
        _holdLimit?.Dispose();
        _lease?.Dispose();
        return true;
    }
}
