namespace SpaceCombat.Web.Operations;

/// <summary>
/// The current Blazor circuit's view of its activity record (scoped: one per circuit). Components inject it to
/// learn of an idle disconnect; the battle layer uses it to associate the circuit with a seat and to pause the
/// idle clock while the player waits on the opponent.
/// </summary>
public sealed class CurrentCircuit(CircuitActivityRegistry registry) : IDisposable
{
    private readonly Lock _lock = new();
    private IDisposable? _idleSubscription;

    /// <summary>
    /// Raised when this circuit is disconnected for inactivity. Runs on a background thread: components must use
    /// <c>InvokeAsync(StateHasChanged)</c> to show "Disconnected for inactivity" and a "Reconnect" button.
    /// </summary>
    public event Action<CircuitIdleDisconnect>? IdleDisconnected;

    /// <summary>The circuit's id; null until the circuit has opened (e.g. while prerendering).</summary>
    public string? CircuitId { get; private set; }

    /// <summary>True once this circuit was disconnected for inactivity, until <see cref="Reconnect"/>.</summary>
    public bool IsIdleDisconnected { get; private set; }

    /// <summary>Called by <see cref="CircuitActivityHandler"/> when the circuit opens.</summary>
    internal void Bind(string circuitId)
    {
        lock (_lock)
        {
            CircuitId = circuitId;
            IsIdleDisconnected = false;
            _idleSubscription?.Dispose();
            _idleSubscription = registry.OnIdleDisconnect(circuitId, OnIdleDisconnect);
        }
    }

    /// <summary>Tracks the circuit again after an idle disconnect (the "Reconnect" button); its idle clock starts now.</summary>
    public void Reconnect()
    {
        if (CircuitId is { } circuitId)
        {
            registry.CircuitOpened(circuitId);
            Bind(circuitId);
        }
    }

    public void AssociateBattle(string battleId, string seat) => WithCircuit(id => registry.AssociateBattle(id, battleId, seat));

    public void ClearBattle() => WithCircuit(registry.ClearBattle);

    public void SetWaitingOnOpponent(bool waiting) => WithCircuit(id => registry.SetWaitingOnOpponent(id, waiting));

    public void Dispose()
    {
        lock (_lock)
        {
            _idleSubscription?.Dispose();
            _idleSubscription = null;
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
        IsIdleDisconnected = true;
        IdleDisconnected?.Invoke(disconnect);
    }
}
