using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Tracks every Blazor circuit: its idle clock (restarted by user input), whether its connection is up, and the
/// battle seat it plays. Finds circuits idle for <see cref="SpaceCombatOptions.IdleTimeout"/>, notifies them and
/// forgets them. Thread-safe singleton.
/// </summary>
/// <remarks>
/// Idle clock: only time in which the player could act counts. While <see cref="SetWaitingOnOpponent"/> is
/// true the clock is stopped; when it turns false the clock restarts from zero. Disconnected circuits are not
/// idle-checked (the battle host applies <see cref="SpaceCombatOptions.ReconnectGrace"/> to their seats); a reconnect
/// restarts the clock.
/// </remarks>
public sealed partial class CircuitActivityRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CircuitRecord> _circuits = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly SpaceCombatOptions _options;
    private readonly SpaceCombatMetrics? _metrics;
    private readonly ILogger<CircuitActivityRegistry> _logger;

    public CircuitActivityRegistry(
        TimeProvider timeProvider,
        IOptions<SpaceCombatOptions> options,
        SpaceCombatMetrics? metrics = null,
        ILogger<CircuitActivityRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<CircuitActivityRegistry>.Instance;
    }

    /// <summary>Starts tracking a circuit (its idle clock starts now). Does nothing if it is already tracked.</summary>
    public void CircuitOpened(string circuitId)
    {
        ArgumentException.ThrowIfNullOrEmpty(circuitId);
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            _circuits.TryAdd(circuitId, new CircuitRecord(circuitId, now));
        }
    }

    /// <summary>Stops tracking a circuit. Returns false when it was not tracked (e.g. already released as idle).</summary>
    public bool CircuitClosed(string circuitId)
    {
        lock (_lock)
        {
            return _circuits.Remove(circuitId);
        }
    }

    /// <summary>The circuit's connection came (back) up: it is connected and its idle clock restarts.</summary>
    public void ConnectionUp(string circuitId) => Update(circuitId, (record, now) =>
    {
        record.IsConnected = true;
        record.RestartIdleClock(now);
    });

    /// <summary>The circuit's connection dropped; the circuit is kept, marked disconnected.</summary>
    public void ConnectionDown(string circuitId) => Update(circuitId, (record, _) => record.IsConnected = false);

    /// <summary>User input arrived on the circuit: restarts the idle clock.</summary>
    public void RecordActivity(string circuitId) => Update(circuitId, (record, now) => record.RestartIdleClock(now));

    /// <summary>Associates the circuit with a battle seat.</summary>
    public void AssociateBattle(string circuitId, string battleId, string seat)
    {
        ArgumentException.ThrowIfNullOrEmpty(battleId);
        ArgumentException.ThrowIfNullOrEmpty(seat);
        Update(circuitId, (record, _) =>
        {
            record.BattleId = battleId;
            record.Seat = seat;
        });
    }

    /// <summary>The circuit left its battle: no seat, not waiting (its idle clock restarts if it was waiting).</summary>
    public void ClearBattle(string circuitId) => Update(circuitId, (record, now) =>
    {
        record.BattleId = null;
        record.Seat = null;
        record.SetWaitingOnOpponent(false, now);
    });

    /// <summary>
    /// Set true while the player's opponent is acting (the player cannot act, so is not idle): the idle clock stops.
    /// Set false when the player can act again: the idle clock restarts from zero.
    /// </summary>
    public void SetWaitingOnOpponent(string circuitId, bool waiting) =>
        Update(circuitId, (record, now) => record.SetWaitingOnOpponent(waiting, now));

    /// <summary>
    /// Set true while the circuit waits for admission to its first render (<see cref="ArrivalAdmission"/>): its
    /// player has no page to act on yet, so it is never idle. Set false once admitted: the idle clock restarts.
    /// </summary>
    public void SetAwaitingAdmission(string circuitId, bool awaiting) => Update(circuitId, (record, now) =>
    {
        record.IsAwaitingAdmission = awaiting;
        record.RestartIdleClock(now);
    });

    /// <summary>
    /// Calls <paramref name="callback"/> when this circuit is disconnected for inactivity (on a background thread:
    /// a component must marshal with <c>InvokeAsync</c>). Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable OnIdleDisconnect(string circuitId, Action<CircuitIdleDisconnect> callback)
    {
        ArgumentException.ThrowIfNullOrEmpty(circuitId);
        ArgumentNullException.ThrowIfNull(callback);
        var subscription = new IdleSubscription(this, circuitId, callback);
        lock (_lock)
        {
            if (_circuits.TryGetValue(circuitId, out var record))
            {
                record.IdleCallbacks.Add(subscription);
            }
        }

        return subscription;
    }

    /// <summary>
    /// Finds connected circuits idle for at least <see cref="SpaceCombatOptions.IdleTimeout"/>, stops tracking them,
    /// notifies each through its callbacks and returns them.
    /// </summary>
    public IReadOnlyList<CircuitIdleDisconnect> DisconnectIdleCircuits()
    {
        var now = _timeProvider.GetUtcNow();
        var released = new List<(CircuitIdleDisconnect Disconnect, IdleSubscription[] Callbacks)>();
        lock (_lock)
        {
            foreach (var record in _circuits.Values)
            {
                if (!record.IsConnected || record.IsAwaitingAdmission)
                {
                    continue;
                }

                var idleTime = record.IdleTime(now);
                if (idleTime >= _options.IdleTimeout)
                {
                    released.Add((new CircuitIdleDisconnect(record.CircuitId, record.BattleId, record.Seat, idleTime),
                        record.IdleCallbacks.ToArray()));
                }
            }

            foreach (var (disconnect, _) in released)
            {
                _circuits.Remove(disconnect.CircuitId);
            }
        }

        foreach (var (disconnect, callbacks) in released)
        {
            _metrics?.IdleDisconnect();
            LogIdleDisconnect(_logger, disconnect.CircuitId, disconnect.IdleTime, disconnect.BattleId, disconnect.Seat);
            foreach (var subscription in callbacks)
            {
                Notify(() => subscription.Invoke(disconnect), disconnect.CircuitId);
            }
        }

        return released.ConvertAll(item => item.Disconnect);
    }

    private void Notify(Action notify, string circuitId)
    {
        try
        {
            notify();
        }
        catch (Exception exception)
        {
            LogNotifyFailed(_logger, circuitId, exception);
        }
    }

    private void Update(string circuitId, Action<CircuitRecord, DateTimeOffset> update)
    {
        ArgumentException.ThrowIfNullOrEmpty(circuitId);
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            // Unknown circuits (never opened, closed, or released as idle) are ignored on purpose.
            if (_circuits.TryGetValue(circuitId, out var record))
            {
                update(record, now);
            }
        }
    }

    private void Unsubscribe(IdleSubscription subscription)
    {
        lock (_lock)
        {
            if (_circuits.TryGetValue(subscription.CircuitId, out var record))
            {
                record.IdleCallbacks.Remove(subscription);
            }
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Circuit {CircuitId} disconnected for inactivity after {IdleTime} (battle {BattleId}, seat {Seat})")]
    private static partial void LogIdleDisconnect(ILogger logger, string circuitId, TimeSpan idleTime, string? battleId, string? seat);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "An idle-disconnect callback of circuit {CircuitId} failed")]
    private static partial void LogNotifyFailed(ILogger logger, string circuitId, Exception exception);

    private sealed class CircuitRecord(string circuitId, DateTimeOffset openedAt)
    {
        public string CircuitId { get; } = circuitId;
        public bool IsConnected { get; set; } = true;
        public string? BattleId { get; set; }
        public string? Seat { get; set; }
        public bool IsWaitingOnOpponent { get; private set; }
        public bool IsAwaitingAdmission { get; set; }

        /// <summary>When the idle clock started; null while it is stopped (waiting on the opponent).</summary>
        public DateTimeOffset? IdleClockStartedAt { get; private set; } = openedAt;

        public List<IdleSubscription> IdleCallbacks { get; } = [];

        public TimeSpan IdleTime(DateTimeOffset now) =>
            IdleClockStartedAt is { } started && now > started ? now - started : TimeSpan.Zero;

        public void RestartIdleClock(DateTimeOffset now)
        {
            if (!IsWaitingOnOpponent)
            {
                IdleClockStartedAt = now;
            }
        }

        public void SetWaitingOnOpponent(bool waiting, DateTimeOffset now)
        {
            if (waiting == IsWaitingOnOpponent)
            {
                return;
            }

            IsWaitingOnOpponent = waiting;
            IdleClockStartedAt = waiting ? null : now;
        }
    }

    private sealed class IdleSubscription(CircuitActivityRegistry registry, string circuitId, Action<CircuitIdleDisconnect> callback)
        : IDisposable
    {
        public string CircuitId { get; } = circuitId;

        public void Invoke(CircuitIdleDisconnect disconnect) => callback(disconnect);

        public void Dispose() => registry.Unsubscribe(this);
    }
}

/// <summary>A circuit that was disconnected for inactivity, with the seat it held (if any).</summary>
public sealed record CircuitIdleDisconnect(string CircuitId, string? BattleId, string? Seat, TimeSpan IdleTime);
