namespace SpaceCombat.LoadTest;

/// <summary>
/// --sustain: holds <c>slots</c> battles for the window, open loop. Each slot plays battle after battle, a new pair
/// arriving as soon as its previous battle has ended (no sooner than --arrival-rate allows), so arrivals never stop
/// while the window is open. When it closes no more arrive, and the battles in flight play out.
/// </summary>
internal sealed class OpenLoopArrivals(int slots, TimeSpan window, double? arrivalRate, LevelStats stats, Func<int, CancellationToken, Task> playBattle, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private long _nextArrivalAt;
    private int _lastIndex = -1;

    /// <summary>When the window closed (a timestamp of the time provider: Stopwatch's by default); 0 while it is open.</summary>
    public long WindowClosedAt { get; private set; }

    /// <summary>Runs until every battle that arrived in the window has ended; <paramref name="playToken"/> bounds their play.</summary>
    public async Task RunAsync(CancellationToken playToken)
    {
        using var windowCts = new CancellationTokenSource(window, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(windowCts.Token, playToken);
        using var closing = linked.Token.Register(() =>
        {
            WindowClosedAt = _time.GetTimestamp();
            stats.WindowClosed();
        });
        await Task.WhenAll(Enumerable.Range(0, slots).Select(_ => Task.Run(() => SlotAsync(linked.Token, playToken), CancellationToken.None)));
        if (WindowClosedAt == 0)
        {
            WindowClosedAt = _time.GetTimestamp();
        }
    }

    private async Task SlotAsync(CancellationToken arrivals, CancellationToken play)
    {
        while (!arrivals.IsCancellationRequested)
        {
            try
            {
                await ArrivalTurnAsync(arrivals);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            stats.PairArrived();
            await playBattle(Interlocked.Increment(ref _lastIndex), play);
        }
    }

    /// <summary>With --arrival-rate, waits for this arrival's place in an even pace of arrivals; otherwise returns at once.</summary>
    private Task ArrivalTurnAsync(CancellationToken cancellationToken)
    {
        if (arrivalRate is not { } rate)
        {
            return Task.CompletedTask;
        }
        long at;
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            at = Math.Max(now, _nextArrivalAt);
            _nextArrivalAt = at + (long)(_time.TimestampFrequency / rate);
        }
        var wait = _time.GetElapsedTime(now, at);
        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;
    }
}
