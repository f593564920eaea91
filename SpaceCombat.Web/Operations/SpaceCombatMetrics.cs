using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// The product's own figures, published on the <c>SpaceCombat</c> meter (instruments <c>spacecombat.*</c>)
/// and readable at once through <see cref="Current"/>. Thread-safe; register as a singleton.
/// </summary>
public sealed class SpaceCombatMetrics
{
    public const string MeterName = "SpaceCombat";

    /// <summary>The command latency histogram (milliseconds), e.g. for <see cref="MetricsHistory"/>'s percentiles.</summary>
    public const string CommandLatencyInstrument = "spacecombat.command.latency";

    /// <summary>The admission wait histogram (milliseconds) of arriving pages (see <see cref="ArrivalAdmission"/>).</summary>
    public const string ArrivalWaitInstrument = "spacecombat.arrivals.wait";

    /// <summary>The histogram (milliseconds) of how late each of <see cref="ServerLoad"/>'s probes ran.</summary>
    public const string ServerLagInstrument = "spacecombat.server.lag";

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly long _startTimestamp;
    private readonly Dictionary<string, long> _actionsByKind = new(StringComparer.Ordinal);

    private readonly Counter<long> _connectionsOpened;
    private readonly Counter<long> _battlesStarted;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _actionsRateLimited;
    private readonly Counter<long> _idleDisconnects;
    private readonly Counter<long> _clientRefusals;
    private readonly Counter<long> _battlesPruned;
    private readonly Histogram<double> _commandLatency;
    private readonly Histogram<double> _arrivalWait;
    private readonly Histogram<double> _serverLag;
    private double _processorBusyShare;
    private readonly Counter<long> _arrivalsRefused;
    private readonly Counter<long> _arrivalHoldsExpired;

    private long _connectionsCurrent;
    private long _connectionsPeak;
    private long _connectionsTotal;
    private long _battlesCurrent;
    private long _battlesPeak;
    private long _battlesTotal;
    private long _actionsTotal;
    private long _actionsRateLimitedTotal;
    private long _idleDisconnectsTotal;
    private long _battlesPrunedTotal;
    private long _commandCount;
    private double _commandLatencySumMs;
    private double _commandLatencyMaxMs;
    private long _memoryPeakBytes;
    private long _arrivalsWaiting;

    public SpaceCombatMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _startTimestamp = timeProvider.GetTimestamp();

        var meter = meterFactory.Create(MeterName);

        meter.CreateObservableGauge("spacecombat.connections.current", () => Read(ref _connectionsCurrent),
            "{connection}", "Blazor circuits open now");
        meter.CreateObservableGauge("spacecombat.connections.peak", () => Read(ref _connectionsPeak),
            "{connection}", "Most circuits open at once since start");
        _connectionsOpened = meter.CreateCounter<long>("spacecombat.connections.opened",
            "{connection}", "Circuits opened since start");

        meter.CreateObservableGauge("spacecombat.battles.current", () => Read(ref _battlesCurrent),
            "{battle}", "Battles running now");
        meter.CreateObservableGauge("spacecombat.battles.peak", () => Read(ref _battlesPeak),
            "{battle}", "Most battles running at once since start");
        _battlesStarted = meter.CreateCounter<long>("spacecombat.battles.started",
            "{battle}", "Battles started since start");
        _battlesPruned = meter.CreateCounter<long>("spacecombat.battles.pruned",
            "{battle}", "Battles removed for inactivity");

        _actions = meter.CreateCounter<long>("spacecombat.actions",
            "{action}", "Player actions accepted, by kind");
        _actionsRateLimited = meter.CreateCounter<long>("spacecombat.actions.rate_limited",
            "{action}", "Player actions refused by the rate limiter");
        _idleDisconnects = meter.CreateCounter<long>("spacecombat.idle_disconnects",
            "{connection}", "Circuits disconnected for inactivity");
        _clientRefusals = meter.CreateCounter<long>("spacecombat.client_refusals",
            "{request}", "Circuits, battles and code look-ups refused by a per-client limit");
        _commandLatency = meter.CreateHistogram<double>(CommandLatencyInstrument,
            "ms", "Time to process a player command");

        meter.CreateObservableGauge("spacecombat.arrivals.waiting", () => Interlocked.Read(ref _arrivalsWaiting),
            "{circuit}", "Arriving pages waiting for admission to their first render");
        _arrivalWait = meter.CreateHistogram<double>(ArrivalWaitInstrument,
            "ms", "Time an arriving page waited for admission to its first render");
        _serverLag = meter.CreateHistogram<double>(ServerLagInstrument,
            "ms", "How late the server ran a probe due every 50 ms (its queue of work and garbage-collection pauses)");
        meter.CreateObservableGauge("spacecombat.server.processor_busy", () => Volatile.Read(ref _processorBusyShare),
            "1", "Share of the processors busy over the last quarter second (the machine's, or this process's of those it may use)");
        _arrivalsRefused = meter.CreateCounter<long>("spacecombat.arrivals.refused",
            "{circuit}", "Arriving pages refused because the admission queue was full");
        _arrivalHoldsExpired = meter.CreateCounter<long>("spacecombat.arrivals.hold_expired",
            "{circuit}", "Arrivals whose first render outlasted ArrivalHoldLimit, their permit taken back");

        meter.CreateObservableGauge("spacecombat.memory.current", ReadMemoryCurrent,
            "By", "Working set of the process");
        meter.CreateObservableGauge("spacecombat.memory.peak", ReadMemoryPeak,
            "By", "Peak working set of the process");
        meter.CreateObservableGauge("spacecombat.uptime", () => Uptime.TotalSeconds,
            "s", "Time since the application started");
    }

    /// <summary>Time since this instance (the application) started, on the injected clock.</summary>
    public TimeSpan Uptime => _timeProvider.GetElapsedTime(_startTimestamp);

    /// <summary>All figures at this moment.</summary>
    public SpaceCombatMetricsSnapshot Current
    {
        get
        {
            var memoryCurrent = ReadMemoryCurrent();
            var memoryPeak = ReadMemoryPeak();
            lock (_lock)
            {
                return new SpaceCombatMetricsSnapshot(
                    ConnectionsCurrent: _connectionsCurrent,
                    ConnectionsPeak: _connectionsPeak,
                    ConnectionsTotal: _connectionsTotal,
                    BattlesCurrent: _battlesCurrent,
                    BattlesPeak: _battlesPeak,
                    BattlesTotal: _battlesTotal,
                    BattlesPruned: _battlesPrunedTotal,
                    ActionsTotal: _actionsTotal,
                    ActionsByKind: _actionsByKind.ToFrozenDictionary(StringComparer.Ordinal),
                    ActionsRateLimited: _actionsRateLimitedTotal,
                    IdleDisconnects: _idleDisconnectsTotal,
                    CommandCount: _commandCount,
                    CommandLatencyAverageMs: _commandCount == 0 ? 0 : _commandLatencySumMs / _commandCount,
                    CommandLatencyMaxMs: _commandLatencyMaxMs,
                    MemoryCurrentBytes: memoryCurrent,
                    MemoryPeakBytes: memoryPeak,
                    Uptime: Uptime,
                    ArrivalsWaiting: ArrivalsWaiting,
                    ProcessorBusyShare: Volatile.Read(ref _processorBusyShare));
            }
        }
    }

    /// <summary>A circuit (player connection) opened.</summary>
    public void ConnectionOpened()
    {
        lock (_lock)
        {
            _connectionsCurrent++;
            _connectionsTotal++;
            _connectionsPeak = Math.Max(_connectionsPeak, _connectionsCurrent);
        }

        _connectionsOpened.Add(1);
    }

    /// <summary>A circuit closed. Never takes the current count below zero.</summary>
    public void ConnectionClosed()
    {
        lock (_lock)
        {
            _connectionsCurrent = Math.Max(0, _connectionsCurrent - 1);
        }
    }

    public void BattleStarted()
    {
        lock (_lock)
        {
            _battlesCurrent++;
            _battlesTotal++;
            _battlesPeak = Math.Max(_battlesPeak, _battlesCurrent);
        }

        _battlesStarted.Add(1);
    }

    /// <summary>A battle finished or was removed. Never takes the current count below zero.</summary>
    public void BattleEnded()
    {
        lock (_lock)
        {
            _battlesCurrent = Math.Max(0, _battlesCurrent - 1);
        }
    }

    /// <summary>A battle was removed for inactivity. Call <see cref="BattleEnded"/> too.</summary>
    public void BattlePruned()
    {
        lock (_lock)
        {
            _battlesPrunedTotal++;
        }

        _battlesPruned.Add(1);
    }

    /// <summary>A player action was accepted; <paramref name="kind"/> is a small fixed set (e.g. "fire", "move").</summary>
    public void ActionAccepted(string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        lock (_lock)
        {
            _actionsTotal++;
            _actionsByKind[kind] = _actionsByKind.GetValueOrDefault(kind) + 1;
        }

        _actions.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    public void ActionRateLimited()
    {
        lock (_lock)
        {
            _actionsRateLimitedTotal++;
        }

        _actionsRateLimited.Add(1);
    }

    public void IdleDisconnect()
    {
        lock (_lock)
        {
            _idleDisconnectsTotal++;
        }

        _idleDisconnects.Add(1);
    }

    public void ClientRefused() => _clientRefusals.Add(1);

    /// <summary>Arriving pages waiting for admission now.</summary>
    public long ArrivalsWaiting => Interlocked.Read(ref _arrivalsWaiting);

    /// <summary>An arriving page started waiting for admission.</summary>
    public void ArrivalQueued() => Interlocked.Increment(ref _arrivalsWaiting);

    /// <summary>An arriving page stopped waiting (admitted, refused after all, or gone).</summary>
    public void ArrivalDequeued() => Interlocked.Decrement(ref _arrivalsWaiting);

    /// <summary>An arriving page was admitted after waiting <paramref name="wait"/> (zero when a permit was free).</summary>
    public void RecordArrivalWait(TimeSpan wait) => _arrivalWait.Record(Math.Max(0, wait.TotalMilliseconds));

    /// <summary>One probe of <see cref="ServerLoad"/>: how late it ran, and the share of the processors busy before it.</summary>
    public void RecordServerLoad(TimeSpan lag, double processorBusyShare)
    {
        _serverLag.Record(Math.Max(0, lag.TotalMilliseconds));
        Volatile.Write(ref _processorBusyShare, processorBusyShare);
    }

    public void ArrivalRefused() => _arrivalsRefused.Add(1);

    public void ArrivalHoldExpired() => _arrivalHoldsExpired.Add(1);

    public void RecordCommandLatency(TimeSpan latency)
    {
        var milliseconds = Math.Max(0, latency.TotalMilliseconds);
        lock (_lock)
        {
            _commandCount++;
            _commandLatencySumMs += milliseconds;
            _commandLatencyMaxMs = Math.Max(_commandLatencyMaxMs, milliseconds);
        }

        _commandLatency.Record(milliseconds);
    }

    private long Read(ref long field)
    {
        lock (_lock)
        {
            return field;
        }
    }

    private static long ReadMemoryCurrent() => Environment.WorkingSet;

    private long ReadMemoryPeak()
    {
        long processPeak;
        using (var process = Process.GetCurrentProcess())
        {
            processPeak = process.PeakWorkingSet64;
        }

        var current = ReadMemoryCurrent();
        lock (_lock)
        {
            _memoryPeakBytes = Math.Max(_memoryPeakBytes, Math.Max(processPeak, current));
            return _memoryPeakBytes;
        }
    }
}

/// <summary>Every SpaceCombat figure at one moment, for the admin dashboard and the periodic log line.</summary>
public sealed record SpaceCombatMetricsSnapshot(
    long ConnectionsCurrent,
    long ConnectionsPeak,
    long ConnectionsTotal,
    long BattlesCurrent,
    long BattlesPeak,
    long BattlesTotal,
    long BattlesPruned,
    long ActionsTotal,
    IReadOnlyDictionary<string, long> ActionsByKind,
    long ActionsRateLimited,
    long IdleDisconnects,
    long CommandCount,
    double CommandLatencyAverageMs,
    double CommandLatencyMaxMs,
    long MemoryCurrentBytes,
    long MemoryPeakBytes,
    TimeSpan Uptime,
    long ArrivalsWaiting,
    double ProcessorBusyShare);
