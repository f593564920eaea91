using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Whether this server is saturated, probed every <see cref="ProbeInterval"/>: by how late the probe itself ran (it
/// waits in the thread pool's queue behind the hub messages and renders queued before it, and through any
/// garbage-collection pause, as a player's click does), and by the share of the processors busy over the last
/// <see cref="ProcessorWindow"/> (the machine's, or this process's of those it may use, whichever is higher). A click
/// crosses a dozen queues between its message and its update, so a machine with no processor to spare slows every
/// click many times over although each queue is short. Arrivals wait for a calm probe
/// (<see cref="WaitUntilCalmAsync"/>) so that the players already in battle keep the processors. Singleton, and a
/// hosted service only so that the host builds it at start-up: its probe runs, and its figures are on /metrics, before
/// the first page opens.
/// </summary>
public sealed class ServerLoad : IHostedService, IDisposable
{
    /// <summary>How often the probe runs: often enough that a waiting arrival is let in soon after the load falls.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The processors' busy share is taken over this long: the clock ticks of the machine's counters are 10 ms.</summary>
    public static readonly TimeSpan ProcessorWindow = TimeSpan.FromMilliseconds(250);

    private const int WindowProbes = 5;

    private readonly TimeProvider _time;
    private readonly IProcessorTimesSource _processors;
    private readonly SpaceCombatMetrics _metrics;
    private readonly TimeSpan _lagLimit;
    private readonly double _processorLimit;
    private readonly Lock _lock = new();
    private readonly ITimer _probe;
    // The machine's and the process's times at each of the last WindowProbes + 1 probes, oldest first.
    private readonly Queue<(ProcessorTimes? Machine, ProcessorTimes Process)> _samples = new();
    private long _armedAt;
    private bool _disposed;
    private TimeSpan _lag;
    private double _busyShare;
    private TaskCompletionSource? _nextCalm;

    public ServerLoad(IOptions<SpaceCombatOptions> options, IProcessorTimesSource processors, TimeProvider time, SpaceCombatMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _processors = processors;
        _metrics = metrics;
        _lagLimit = options.Value.ArrivalLagLimit;
        _processorLimit = options.Value.ArrivalProcessorLimit;
        lock (_lock)
        {
            _samples.Enqueue((processors.ReadMachine(), processors.ReadProcess()));
            _armedAt = time.GetTimestamp();
            // One-shot, re-armed by each probe: a probe that runs late is not followed by a queue of overdue ones.
            _probe = time.CreateTimer(static load => ((ServerLoad)load!).Probe(), this, ProbeInterval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>How late the latest probe ran (zero before the first).</summary>
    public TimeSpan Lag
    {
        get
        {
            lock (_lock)
            {
                return _lag;
            }
        }
    }

    /// <summary>The share (0–1) of the processors busy over the window before the latest probe.</summary>
    public double ProcessorBusyShare
    {
        get
        {
            lock (_lock)
            {
                return _busyShare;
            }
        }
    }

    /// <summary>
    /// Whether the latest probe found the server calm: it ran within <see cref="SpaceCombatOptions.ArrivalLagLimit"/>
    /// and less than <see cref="SpaceCombatOptions.ArrivalProcessorLimit"/> of the processors were busy.
    /// </summary>
    public bool IsCalm
    {
        get
        {
            lock (_lock)
            {
                return Calm();
            }
        }
    }

    /// <summary>
    /// Completes at once while the latest probe found the server calm, else with the next probe that does, or after
    /// <paramref name="limit"/> whatever the probes say (an arrival is slowed, never shut out).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task WaitUntilCalmAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        Task calm;
        lock (_lock)
        {
            if (Calm() || _disposed || limit <= TimeSpan.Zero)
            {
                return;
            }
            _nextCalm ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            calm = _nextCalm.Task;
        }
        try
        {
            await calm.WaitAsync(limit, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Waited long enough: the arrival goes ahead on a busy server.
        }
    }

    /// <summary>Nothing to start: the probe runs from construction.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Nothing to stop: the container disposes the probe.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        TaskCompletionSource? waiting;
        lock (_lock)
        {
            _disposed = true;
            waiting = _nextCalm;
            _nextCalm = null;
        }
        _probe.Dispose();
        waiting?.TrySetResult();
    }

    private bool Calm() => _lag <= _lagLimit && _busyShare < _processorLimit;

    private void Probe()
    {
        TaskCompletionSource? released = null;
        TimeSpan lag;
        double busyShare;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            lag = _time.GetElapsedTime(_armedAt) - ProbeInterval;
            _lag = lag = lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
            _busyShare = busyShare = SampleProcessors();
            if (Calm())
            {
                released = _nextCalm;
                _nextCalm = null;
            }
            _armedAt = _time.GetTimestamp();
            _probe.Change(ProbeInterval, Timeout.InfiniteTimeSpan);
        }
        released?.TrySetResult();
        _metrics.RecordServerLoad(lag, busyShare);
    }

    private double SampleProcessors()
    {
        var now = (Machine: _processors.ReadMachine(), Process: _processors.ReadProcess());
        _samples.Enqueue(now);
        if (_samples.Count > WindowProbes + 1)
        {
            _samples.Dequeue();
        }
        var (oldestMachine, oldestProcess) = _samples.Peek();
        var process = Share(oldestProcess, now.Process);
        return oldestMachine is { } before && now.Machine is { } after ? Math.Max(Share(before, after), process) : process;
    }

    private static double Share(ProcessorTimes before, ProcessorTimes after)
    {
        var total = (after.Total - before.Total).TotalSeconds;
        return total <= 0 ? 0 : Math.Clamp((after.Busy - before.Busy).TotalSeconds / total, 0, 1);
    }
}
