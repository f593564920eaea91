namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// An ended battle stays in memory only while someone watches it (an observer subscribed or a seat's lease held):
/// once nobody does, its activation leaves, and the next call (a result page reloaded, the full log, a rematch, the
/// admin list) reads it back from the journal. An ended battle no longer changes, so an alarm, not the next change,
/// notices an observer that stopped renewing.
/// </summary>
public sealed partial class BattleGrain : IIncomingGrainCallFilter
{
    /// <summary>
    /// How long an ended battle nobody watches stays after its last call: a page opening it calls three times in a row
    /// (its seat, its view, then the subscription), and each would otherwise read the battle back from the journal.
    /// </summary>
    public static readonly TimeSpan UnwatchedLinger = TimeSpan.FromSeconds(5);

    private IGrainTimer? _watchAlarm;

    /// <summary>After every call of the battle's interface (not its own alarms): an ended battle reviews who watches it.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.DeclaringType == typeof(IBattleGrain))
        {
            ReviewWatchers();
        }
    }

    /// <summary>
    /// An ended battle still watched is looked at again when its first observer's subscription would run out (a seat's
    /// lease has its own alarm, which comes back here); one nobody watches leaves <see cref="UnwatchedLinger"/> from now,
    /// or at once when <paramref name="watcherLapsed"/> (the last watcher's server went away: no page of it is coming).
    /// </summary>
    private void ReviewWatchers(bool watcherLapsed = false)
    {
        _watchAlarm?.Dispose();
        _watchAlarm = null;
        if (_forgotten || !Exists || Outcome is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        DropLapsedObservers(now);
        if (_leases.NextExpiry() is not null)
        {
            return;
        }
        if (_observers.Count == 0 && watcherLapsed)
        {
            DeactivateOnIdle();
            return;
        }
        var due = _observers.Count > 0 ? _observers.Values.Min(o => o.Until) : now + UnwatchedLinger;
        _watchAlarm = Alarm(due, OnWatchAlarmAsync, 0);
    }

    private Task OnWatchAlarmAsync(int unused, CancellationToken cancellationToken)
    {
        _watchAlarm = null;
        ReviewWatchers(watcherLapsed: true);
        return Task.CompletedTask;
    }

    /// <summary>Forgets the observers whose subscription was not renewed in time (their server went away).</summary>
    private void DropLapsedObservers(DateTimeOffset now)
    {
        foreach (var (observer, (_, until)) in _observers.ToArray())
        {
            if (until <= now)
            {
                _observers.Remove(observer);
            }
        }
    }
}
