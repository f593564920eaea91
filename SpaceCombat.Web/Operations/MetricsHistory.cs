using System.Diagnostics.Metrics;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// The admin dashboard's time series: every <see cref="Interval"/> one <see cref="MetricsSample"/> is taken from
/// <see cref="SpaceCombatMetrics.Current"/>, the runtime and the recent command latencies, into a ring buffer of
/// <see cref="Capacity"/> samples (about the last 10 minutes). Thread-safe singleton.
/// </summary>
/// <remarks>
/// It samples only while someone watches: the first <see cref="Subscribe"/> starts the timer (and the latency
/// listener), disposing the last subscription stops both and clears the buffer. Runs on the injected
/// <see cref="TimeProvider"/>, so tests drive it with <c>FakeTimeProvider</c>. Command latencies are read from
/// the <c>spacecombat.command.latency</c> histogram of this application's meter through a
/// <see cref="MeterListener"/>, collected per interval in a bounded buffer, and reduced to p50/p95.
/// </remarks>
public sealed class MetricsHistory : IDisposable
{
    /// <summary>Time between samples.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    /// <summary>Samples kept: 300 × 2 s = 10 minutes.</summary>
    public const int DefaultCapacity = 300;

    /// <summary>At most this many latencies are kept per interval (the most recent win).</summary>
    public const int MaxLatenciesPerInterval = 4096;

    private readonly Lock _lock = new();
    private readonly SpaceCombatMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly IMeterFactory? _meterFactory;
    private readonly Func<RuntimeFigures> _readRuntime;
    private readonly MetricsSample?[] _ring;
    private readonly List<Subscription> _subscribers = [];
    private readonly double[] _latencies = new double[MaxLatenciesPerInterval];
    private int _latencyCount;
    private int _latencyNext;
    private int _start;
    private int _count;
    private ITimer? _timer;
    private MeterListener? _listener;
    private SpaceCombatMetricsSnapshot? _previous;
    private long _previousTimestamp;
    private bool _disposed;

    public MetricsHistory(SpaceCombatMetrics metrics, TimeProvider timeProvider, IMeterFactory? meterFactory = null)
        : this(metrics, timeProvider, meterFactory, DefaultInterval, DefaultCapacity, ReadRuntime)
    {
    }

    internal MetricsHistory(
        SpaceCombatMetrics metrics,
        TimeProvider timeProvider,
        IMeterFactory? meterFactory,
        TimeSpan interval,
        int capacity,
        Func<RuntimeFigures> readRuntime)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _metrics = metrics;
        _timeProvider = timeProvider;
        _meterFactory = meterFactory;
        _readRuntime = readRuntime;
        Interval = interval;
        Capacity = capacity;
        _ring = new MetricsSample?[capacity];
    }

    public TimeSpan Interval { get; }

    public int Capacity { get; }

    /// <summary>The counters at the latest sample (current, peak and total figures for the cards); null when not running.</summary>
    public SpaceCombatMetricsSnapshot? LatestSnapshot
    {
        get
        {
            lock (_lock)
            {
                return _previous;
            }
        }
    }

    /// <summary>The samples held, oldest first.</summary>
    public IReadOnlyList<MetricsSample> Samples
    {
        get
        {
            lock (_lock)
            {
                var samples = new MetricsSample[_count];
                for (var i = 0; i < _count; i++)
                {
                    samples[i] = _ring[(_start + i) % Capacity]!;
                }
                return samples;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onSample"/> after every sample (on a timer thread: components marshal with
    /// <c>InvokeAsync</c>). The first subscription starts sampling at once; dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Action<MetricsSample> onSample)
    {
        ArgumentNullException.ThrowIfNull(onSample);
        var subscription = new Subscription(this, onSample);
        bool start;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _subscribers.Add(subscription);
            start = _timer is null;
            if (start)
            {
                StartLocked();
            }
        }

        if (start)
        {
            // A baseline at once, so the page has figures before the first tick.
            TakeSample();
        }

        return subscription;
    }

    /// <summary>Takes one sample now (the timer calls this every <see cref="Interval"/>). Does nothing when not running.</summary>
    internal void TakeSample()
    {
        MetricsSample sample;
        Subscription[] subscribers;
        lock (_lock)
        {
            if (_timer is null)
            {
                return;
            }

            var snapshot = _metrics.Current;
            var timestamp = _timeProvider.GetTimestamp();
            var runtime = _readRuntime();
            double actionsPerSecond = 0, rateLimitedPerSecond = 0;
            if (_previous is { } previous)
            {
                var seconds = _timeProvider.GetElapsedTime(_previousTimestamp, timestamp).TotalSeconds;
                if (seconds > 0)
                {
                    actionsPerSecond = Math.Max(0, snapshot.ActionsTotal - previous.ActionsTotal) / seconds;
                    rateLimitedPerSecond = Math.Max(0, snapshot.ActionsRateLimited - previous.ActionsRateLimited) / seconds;
                }
            }

            var (p50, p95) = TakeLatencyPercentiles();
            sample = new MetricsSample(
                At: _timeProvider.GetUtcNow(),
                Connections: snapshot.ConnectionsCurrent,
                Battles: snapshot.BattlesCurrent,
                ActionsPerSecond: actionsPerSecond,
                RateLimitedPerSecond: rateLimitedPerSecond,
                LatencyP50Ms: p50,
                LatencyP95Ms: p95,
                WorkingSetBytes: runtime.WorkingSetBytes,
                ManagedBytes: runtime.ManagedBytes,
                ThreadPoolQueueLength: runtime.ThreadPoolQueueLength);
            _previous = snapshot;
            _previousTimestamp = timestamp;
            Append(sample);
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber.OnSample(sample);
            }
            catch (Exception)
            {
                // A failing page must not stop the others' charts.
            }
        }
    }

    /// <summary>Records one command latency into the current interval's buffer (the latency listener calls this).</summary>
    internal void RecordLatency(double milliseconds)
    {
        lock (_lock)
        {
            if (_timer is null)
            {
                return;
            }
            _latencies[_latencyNext] = milliseconds;
            _latencyNext = (_latencyNext + 1) % MaxLatenciesPerInterval;
            _latencyCount = Math.Min(_latencyCount + 1, MaxLatenciesPerInterval);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _subscribers.Clear();
            StopLocked();
        }
    }

    /// <summary>The value at percentile <paramref name="percentile"/> (0–100) of sorted values, nearest-rank; 0 when empty.</summary>
    internal static double Percentile(ReadOnlySpan<double> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private (double P50, double P95) TakeLatencyPercentiles()
    {
        if (_latencyCount == 0)
        {
            return (0, 0);
        }
        var values = _latencies.AsSpan(0, _latencyCount).ToArray();
        _latencyCount = 0;
        _latencyNext = 0;
        Array.Sort(values);
        return (Percentile(values, 50), Percentile(values, 95));
    }

    private void Append(MetricsSample sample)
    {
        if (_count < Capacity)
        {
            _ring[(_start + _count) % Capacity] = sample;
            _count++;
        }
        else
        {
            _ring[_start] = sample;
            _start = (_start + 1) % Capacity;
        }
    }

    private void StartLocked()
    {
        _start = 0;
        _count = 0;
        Array.Clear(_ring);
        _previous = null;
        _latencyCount = 0;
        _latencyNext = 0;
        _listener = CreateLatencyListener();
        _timer = _timeProvider.CreateTimer(static state => ((MetricsHistory)state!).TakeSample(), this, Interval, Interval);
    }

    private void StopLocked()
    {
        _timer?.Dispose();
        _timer = null;
        _listener?.Dispose();
        _listener = null;
        _previous = null;
        _start = 0;
        _count = 0;
        Array.Clear(_ring);
    }

    private MeterListener CreateLatencyListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                // Only this application's meter: other hosts in the process (tests) have meters of the same name.
                if (instrument.Meter.Name == SpaceCombatMetrics.MeterName
                    && instrument.Name == SpaceCombatMetrics.CommandLatencyInstrument
                    && (_meterFactory is null || ReferenceEquals(instrument.Meter.Scope, _meterFactory)))
                {
                    meterListener.EnableMeasurementEvents(instrument, this);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>(static (_, measurement, _, state) => ((MetricsHistory)state!).RecordLatency(measurement));
        listener.Start();
        return listener;
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            if (_subscribers.Remove(subscription) && _subscribers.Count == 0)
            {
                StopLocked();
            }
        }
    }

    private static RuntimeFigures ReadRuntime() =>
        new(Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), ThreadPool.PendingWorkItemCount);

    private sealed class Subscription(MetricsHistory history, Action<MetricsSample> onSample) : IDisposable
    {
        private int _disposed;

        public Action<MetricsSample> OnSample { get; } = onSample;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                history.Unsubscribe(this);
            }
        }
    }
}

/// <summary>Process figures read at each sample.</summary>
public readonly record struct RuntimeFigures(long WorkingSetBytes, long ManagedBytes, long ThreadPoolQueueLength);

/// <summary>One point of the admin dashboard's time series.</summary>
public sealed record MetricsSample(
    DateTimeOffset At,
    long Connections,
    long Battles,
    double ActionsPerSecond,
    double RateLimitedPerSecond,
    double LatencyP50Ms,
    double LatencyP95Ms,
    long WorkingSetBytes,
    long ManagedBytes,
    long ThreadPoolQueueLength);
