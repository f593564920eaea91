using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace SpaceCombat.LoadTest;

/// <summary>
/// Records the load generator's own garbage-collection pauses as intervals, from the runtime's GC events in this
/// process: a pause runs from the execution engine's suspension for a collection (GCSuspendEEBegin) to the end of
/// its restart (GCRestartEEEnd). Totals alone (<see cref="GC.GetTotalPauseDuration"/>) cannot say which clicks a
/// pause fell into; that total is kept as a cross-check.
/// </summary>
internal sealed class GeneratorPauseListener : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int GcEndEvent = 2;
    private const int RestartEndEvent = 3;
    private const int SuspendBeginEvent = 9;
    /// <summary>SuspendEE reasons SUSPEND_FOR_GC and SUSPEND_FOR_GC_PREP; the runtime's other suspensions are not collections.</summary>
    private static readonly uint[] GcSuspendReasons = [1, 6];

    // Null while the base constructor announces the event sources that already exist (before this one's fields are set).
    private readonly GeneratorPauses? _pauses;
    private readonly long _lastGcBefore;
    private long _suspendedAt;
    private long _lastGcEnded = -1;

    public GeneratorPauseListener(GeneratorPauses pauses)
    {
        _lastGcBefore = GC.GetGCMemoryInfo(GCKind.Any).Index;
        _pauses = pauses;
    }

    public GeneratorPauses Pauses => _pauses!;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // One dispatcher thread delivers the runtime's events, in order.
        if (_pauses is null || eventData.EventSource.Name != RuntimeSource)
        {
            return;
        }
        switch (eventData.EventId)
        {
            case SuspendBeginEvent:
                var forGc = Array.IndexOf(GcSuspendReasons, Payload<uint>(eventData, "Reason")) >= 0;
                Volatile.Write(ref _suspendedAt, forGc ? ToStopwatch(eventData.TimeStamp) : 0);
                break;
            case RestartEndEvent when _suspendedAt != 0:
                _pauses.Add(_suspendedAt, ToStopwatch(eventData.TimeStamp));
                Volatile.Write(ref _suspendedAt, 0);
                break;
            case GcEndEvent:
                Volatile.Write(ref _lastGcEnded, Math.Max(_lastGcEnded, Payload<uint>(eventData, "Count")));
                break;
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="patience"/>) until the events of every collection so far have arrived and its
    /// pause is closed: the runtime hands them to listeners from a buffer, a little after they happened. False when
    /// they did not arrive in time (the figures may then miss the last pauses).
    /// </summary>
    public async Task<bool> CatchUpAsync(TimeSpan patience)
    {
        var last = GC.GetGCMemoryInfo(GCKind.Any).Index;
        var waited = Stopwatch.StartNew();
        while (last > _lastGcBefore && (Volatile.Read(ref _lastGcEnded) < last || Volatile.Read(ref _suspendedAt) != 0))
        {
            if (waited.Elapsed >= patience)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    private static T Payload<T>(EventWrittenEventArgs eventData, string name)
    {
        var index = eventData.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 && eventData.Payload?[index] is T value ? value : default!;
    }

    /// <summary>
    /// The event's time on the Stopwatch clock the clicks are stamped with. The runtime stamps events with that clock
    /// and hands them over as wall-clock times; the offset between the two clocks is the same now as then.
    /// </summary>
    private static long ToStopwatch(DateTime eventUtc)
    {
        var (nowUtc, now) = (DateTime.UtcNow, Stopwatch.GetTimestamp());
        return now - (long)((nowUtc - eventUtc).Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
    }
}
