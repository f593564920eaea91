using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Limits each player (keyed by a player or seat key) to <see cref="SpaceCombatOptions.RateLimitMaxActions"/>
/// actions per sliding <see cref="SpaceCombatOptions.RateLimitWindow"/>. <see cref="AcquireAsync"/> paces a short
/// burst: up to <see cref="SpaceCombatOptions.RateLimitQueueLimit"/> actions over the limit wait, in click order, for
/// the window to move; only actions past that queue are refused.
/// </summary>
/// <remarks>
/// Each player gets a built-in <see cref="SlidingWindowRateLimiter"/>. That limiter reads the real
/// <c>Stopwatch</c> and cannot take a <see cref="TimeProvider"/>, so it is driven by hand: it is created with
/// <c>AutoReplenishment = false</c> and a one-tick <c>Window</c>. Its replenishment period (window / segments)
/// is then zero, which turns off its own real-time check, so every <c>TryReplenish()</c> slides the window by
/// exactly one segment. Before each acquire, the segments that have
/// elapsed on the injected <see cref="TimeProvider"/> are slid, and while actions wait in a player's queue a timer on
/// that clock slides them once per segment (which hands the freed permits to the oldest waiting actions). The limiter
/// therefore runs on the same clock as the rest of the product, and tests drive it with <c>FakeTimeProvider</c>.
/// <c>PartitionedRateLimiter</c> is not used because its own 100 ms heartbeat would replenish on real time.
/// </remarks>
public sealed class PlayerActionRateLimiter : IDisposable
{
    /// <summary>Upper bound of segments per window; more segments give a finer-grained slide.</summary>
    private const int MaxSegmentsPerWindow = 10;

    // At least two, so the limiter's own replenishment period (1 tick / segments) rounds to zero.
    private const int MinSegmentsPerWindow = 2;

    private static readonly TimeSpan DrivenWindow = TimeSpan.FromTicks(1);

    private static readonly TimeSpan MinimumSegmentLength = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<string, PlayerWindow> _players = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly SpaceCombatMetrics? _metrics;
    private readonly int _permitLimit;
    private readonly int _queueLimit;
    private readonly TimeSpan _segmentLength;
    private readonly int _segmentsPerWindow;
    private readonly long _segmentLengthTimestampTicks;
    private bool _disposed;

    public PlayerActionRateLimiter(IOptions<SpaceCombatOptions> options, TimeProvider timeProvider, SpaceCombatMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var window = options.Value.RateLimitWindow;
        _permitLimit = options.Value.RateLimitMaxActions;
        _queueLimit = options.Value.RateLimitQueueLimit;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _segmentsPerWindow = (int)Math.Clamp(window.Ticks / MinimumSegmentLength.Ticks, MinSegmentsPerWindow, MaxSegmentsPerWindow);
        var segmentLength = TimeSpan.FromTicks(window.Ticks / _segmentsPerWindow);
        _segmentLength = segmentLength;
        _segmentLengthTimestampTicks = Math.Max(1, (long)(segmentLength.TotalSeconds * timeProvider.TimestampFrequency));
    }

    /// <summary>
    /// Takes one action permit for the player. Returns false (and counts a rate-limited action) when the player
    /// has used up the actions of the current window.
    /// </summary>
    public bool TryAcquire(string playerKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerKey);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var window = _players.GetOrAdd(playerKey, static (_, self) => self.CreateWindow(), this);
        bool acquired;
        lock (window)
        {
            if (window.Limiter is null)
            {
                // Removed concurrently: the player left; a fresh window is not created for a leaver.
                return false;
            }

            SlideElapsedSegments(window);
            using var lease = window.Limiter.AttemptAcquire(1);
            acquired = lease.IsAcquired;
        }

        if (!acquired)
        {
            _metrics?.ActionRateLimited();
        }

        return acquired;
    }

    /// <summary>
    /// Takes one action permit for the player, waiting for it in the player's queue (oldest first) while the window is
    /// full. Returns false (and counts a rate-limited action) when the queue is full too, or the player left while it
    /// waited.
    /// </summary>
    public async ValueTask<bool> AcquireAsync(string playerKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerKey);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var window = _players.GetOrAdd(playerKey, static (_, self) => self.CreateWindow(), this);
        ValueTask<RateLimitLease> waiting;
        lock (window)
        {
            if (window.Limiter is null)
            {
                return false;
            }

            SlideElapsedSegments(window);
            waiting = window.Limiter.AcquireAsync(1, cancellationToken);
            if (!waiting.IsCompleted)
            {
                // Queued: slide the window on the product's clock until the queue is empty.
                window.Pacer ??= _timeProvider.CreateTimer(static state => ((PacedWindow)state!).Pace(), new PacedWindow(this, window), _segmentLength, _segmentLength);
            }
        }

        bool acquired;
        try
        {
            // No ConfigureAwait(false): a circuit's waiting actions resume on its context in the order they were granted.
            using var lease = await waiting;
            acquired = lease.IsAcquired;
        }
        catch (ObjectDisposedException)
        {
            // The player left (their limiter was removed) while the action waited.
            acquired = false;
        }

        if (!acquired)
        {
            _metrics?.ActionRateLimited();
        }

        return acquired;
    }

    /// <summary>Forgets the player's limiter, e.g. when the player leaves the battle. Returns false when unknown.</summary>
    public bool RemovePlayer(string playerKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerKey);
        if (!_players.TryRemove(playerKey, out var window))
        {
            return false;
        }

        lock (window)
        {
            window.Pacer?.Dispose();
            window.Pacer = null;
            // Disposing fails the actions still waiting: a leaver's queued clicks are not run.
            window.Limiter?.Dispose();
            window.Limiter = null;
        }

        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var key in _players.Keys)
        {
            RemovePlayer(key);
        }
    }

    private PlayerWindow CreateWindow()
    {
        var limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = _permitLimit,
            // Each TryReplenish() slides one segment; the TimeProvider decides when (see remarks).
            Window = DrivenWindow,
            SegmentsPerWindow = _segmentsPerWindow,
            QueueLimit = _queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = false,
        });
        return new PlayerWindow(limiter, _timeProvider.GetTimestamp());
    }

    private void SlideElapsedSegments(PlayerWindow window)
    {
        var elapsed = _timeProvider.GetTimestamp() - window.SegmentStartTimestamp;
        var segments = elapsed / _segmentLengthTimestampTicks;
        if (segments <= 0)
        {
            return;
        }

        // Sliding a whole window frees every permit; more slides change nothing.
        var slides = Math.Min(segments, _segmentsPerWindow);
        for (var i = 0; i < slides; i++)
        {
            window.Limiter!.TryReplenish();
        }

        window.SegmentStartTimestamp += segments * _segmentLengthTimestampTicks;
    }

    private sealed class PlayerWindow(SlidingWindowRateLimiter limiter, long segmentStartTimestamp)
    {
        public SlidingWindowRateLimiter? Limiter { get; set; } = limiter;

        public long SegmentStartTimestamp { get; set; } = segmentStartTimestamp;

        /// <summary>Slides the window once per segment while actions wait in its queue; null when none wait.</summary>
        public ITimer? Pacer { get; set; }
    }

    /// <summary>The pacing timer's state: slides one player's window and stops when its queue is empty.</summary>
    private sealed class PacedWindow(PlayerActionRateLimiter owner, PlayerWindow window)
    {
        public void Pace()
        {
            lock (window)
            {
                if (window.Limiter is null)
                {
                    return;
                }

                owner.SlideElapsedSegments(window);
                if (window.Limiter.GetStatistics()?.CurrentQueuedCount is null or 0)
                {
                    window.Pacer?.Dispose();
                    window.Pacer = null;
                }
            }
        }
    }
}
