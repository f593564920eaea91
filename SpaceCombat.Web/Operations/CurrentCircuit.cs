using System.Threading.RateLimiting;

namespace SpaceCombat.Web.Operations;

/// <summary>Why the server closed a circuit.</summary>
public enum CircuitCloseReason
{
    /// <summary>No input for <see cref="SpaceCombatOptions.IdleTimeout"/> while the player could act.</summary>
    Idle,

    /// <summary>The client already holds <see cref="SpaceCombatOptions.CircuitsPerClient"/> circuits.</summary>
    TooManyCircuits,
}

/// <summary>
/// The current Blazor circuit (scoped: one per circuit): its activity record, its client's place among
/// <see cref="SpaceCombatOptions.CircuitsPerClient"/>, and its closing by the server. Components inject it to learn
/// of an idle disconnect; the battle layer uses it to associate the circuit with a seat and to pause the idle clock
/// while the player waits on the opponent.
/// </summary>
/// <remarks>
/// Closing: the layout's notice (<c>IdleNotice</c>) shows why and confirms once the browser has it
/// (<see cref="NoticeShown"/>), then <see cref="CircuitTerminator"/> ends the circuit and its connection. A client
/// that never confirms is cut after <see cref="NoticeTimeout"/>.
/// </remarks>
public sealed partial class CurrentCircuit(
    CircuitActivityRegistry registry,
    ClientLimits limits,
    CircuitTerminator terminator,
    IHttpContextAccessor httpContextAccessor,
    ILogger<CurrentCircuit> logger) : IDisposable
{
    /// <summary>How long a closing circuit waits for its browser to confirm the notice before it is cut anyway.</summary>
    public static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _noticeShown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _idleSubscription;
    private RateLimitLease? _circuitPlace;
    private CircuitConnection? _connection;
    private int _closing;

    /// <summary>
    /// Raised when this circuit is disconnected for inactivity, before it is closed (the seat is released). Runs on
    /// a background thread.
    /// </summary>
    public event Action<CircuitIdleDisconnect>? IdleDisconnected;

    /// <summary>Raised (on a background thread) when the server starts closing this circuit: the notice shows <see cref="ClosedFor"/>.</summary>
    public event Action? Closing;

    /// <summary>The circuit's id; null until the circuit has opened (e.g. while prerendering).</summary>
    public string? CircuitId { get; private set; }

    private string? _client;

    /// <summary>The client address key the circuit's limits count against (while prerendering: the request's).</summary>
    public string Client => _client ?? ClientAddress.KeyOf(httpContextAccessor.HttpContext);

    /// <summary>Set once the server closes (or is closing) this circuit.</summary>
    public CircuitCloseReason? ClosedFor { get; private set; }

    /// <summary>
    /// Called by <see cref="CircuitActivityHandler"/> when the circuit opens: tracks it and takes one of its client's
    /// circuit places. A client over its limit gets its circuit closed with a notice that says so.
    /// </summary>
    internal void Open(string circuitId, CircuitConnection? connection)
    {
        lock (_lock)
        {
            CircuitId = circuitId;
            _client = connection?.Client ?? ClientAddress.KeyOf(httpContextAccessor.HttpContext);
            _connection = connection;
            _idleSubscription?.Dispose();
            _idleSubscription = registry.OnIdleDisconnect(circuitId, OnIdleDisconnect);
            _circuitPlace ??= limits.OpenCircuit(Client);
        }
        if (!_circuitPlace.IsAcquired)
        {
            registry.CircuitClosed(circuitId);
            _ = CloseAsync(CircuitCloseReason.TooManyCircuits);
        }
    }

    /// <summary>Called when the circuit's connection comes (back) up: the connection to cut if it must close.</summary>
    internal void ConnectionUp(CircuitConnection? connection)
    {
        lock (_lock)
        {
            _connection = connection ?? _connection;
        }
        if (ClosedFor is not null)
        {
            // A closed circuit that is somehow reconnected (it ignored the notice) is cut again at once.
            _ = CutAsync();
        }
    }

    /// <summary>The notice of a closing circuit reached the browser (or the page has none to show).</summary>
    public void NoticeShown() => _noticeShown.TrySetResult();

    public void AssociateBattle(string battleId, string seat) => WithCircuit(id => registry.AssociateBattle(id, battleId, seat));

    public void ClearBattle() => WithCircuit(registry.ClearBattle);

    public void SetWaitingOnOpponent(bool waiting) => WithCircuit(id => registry.SetWaitingOnOpponent(id, waiting));

    /// <summary>While the circuit waits for admission to its first render, its idle clock is stopped.</summary>
    public void SetAwaitingAdmission(bool awaiting) => WithCircuit(id => registry.SetAwaitingAdmission(id, awaiting));

    public void Dispose()
    {
        lock (_lock)
        {
            _idleSubscription?.Dispose();
            _idleSubscription = null;
            _circuitPlace?.Dispose();
            _circuitPlace = null;
        }
    }

    private void WithCircuit(Action<string> action)
    {
        if (CircuitId is { } circuitId)
        {
            action(circuitId);
        }
    }

    private void OnIdleDisconnect(CircuitIdleDisconnect disconnect)
    {
        IdleDisconnected?.Invoke(disconnect);
        _ = CloseAsync(CircuitCloseReason.Idle);
    }

    /// <summary>Shows the notice, waits (bounded) for the browser to confirm it, then ends the circuit.</summary>
    private async Task CloseAsync(CircuitCloseReason reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }
        ClosedFor = reason;
        try
        {
            Closing?.Invoke();
            await _noticeShown.Task.WaitAsync(NoticeTimeout);
        }
        catch (TimeoutException)
        {
            LogNoticeNotConfirmed(logger, CircuitId, reason);
        }
        catch (Exception exception)
        {
            LogNoticeFailed(logger, CircuitId, exception);
        }
        await CutAsync();
    }

    private Task CutAsync()
    {
        CircuitConnection? connection;
        lock (_lock)
        {
            connection = _connection;
        }
        if (connection is null)
        {
            LogNoConnection(logger, CircuitId);
            return Task.CompletedTask;
        }
        return terminator.CloseAsync(connection, CircuitId ?? "(unknown)");
    }

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Circuit {CircuitId}: the connection it runs on is not known; it cannot be closed from the server")]
    private static partial void LogNoConnection(ILogger logger, string? circuitId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Circuit {CircuitId}: its browser did not confirm the {Reason} notice in time; closing it anyway")]
    private static partial void LogNoticeNotConfirmed(ILogger logger, string? circuitId, CircuitCloseReason reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Circuit {CircuitId}: showing its closing notice failed; closing it anyway")]
    private static partial void LogNoticeFailed(ILogger logger, string? circuitId, Exception exception);
}
