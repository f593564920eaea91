namespace SpaceCombat.Web.Operations;

/// <summary>
/// This circuit's arrival (scoped: one per circuit): waits for <see cref="ArrivalAdmission"/> before the circuit's
/// first render (<see cref="ArrivalAdmissionHandler"/>), holds the permit until the layout's first interactive render
/// has completed in the browser, and gives it back at the latest when the circuit's connection drops or the circuit
/// closes (its scope is disposed), so no permit outlives its arrival.
/// </summary>
public sealed class CircuitArrival(ArrivalAdmission admission) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _closed = new();
    private ArrivalPermit? _permit;
    private bool _connected = true;
    private bool _settled;

    /// <summary>The admission queue was full: the page shows <see cref="ArrivalAdmission.RefusedMessage"/> instead of its content.</summary>
    public bool IsRefused { get; private set; }

    /// <summary>
    /// Waits for a permit to render; returns once admitted, refused (<see cref="IsRefused"/>) or closed. Never throws
    /// for a circuit that closes while it waits: there is nothing left to render.
    /// </summary>
    public async Task WaitForAdmissionAsync()
    {
        CancellationToken closed;
        lock (_lock)
        {
            if (_settled)
            {
                return;
            }
            closed = _closed.Token;
        }
        ArrivalPermit permit;
        try
        {
            permit = await admission.AdmitAsync(closed);
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            return;
        }
        lock (_lock)
        {
            if (!permit.IsAdmitted)
            {
                IsRefused = true;
                return;
            }
            // A circuit already rendered, closed or disconnected (its renders wait for the browser) needs no permit.
            if (_settled || !_connected)
            {
                permit.Dispose();
                return;
            }
            _permit = permit;
        }
    }

    /// <summary>The first interactive render has been made and sent: the next arrival may render.</summary>
    public void FirstRenderCompleted()
    {
        lock (_lock)
        {
            _settled = true;
            ReleasePermit();
        }
    }

    /// <summary>The circuit's connection dropped: nobody is waiting on its render, so its permit goes to the next arrival.</summary>
    public void ConnectionDown()
    {
        lock (_lock)
        {
            _connected = false;
            ReleasePermit();
        }
    }

    public void ConnectionUp()
    {
        lock (_lock)
        {
            _connected = true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _settled = true;
            ReleasePermit();
        }
        _closed.Cancel();
        _closed.Dispose();
    }

    private void ReleasePermit()
    {
        _permit?.Dispose();
        _permit = null;
    }
}
