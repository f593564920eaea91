using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Limits each player (keyed by a player or seat key) to <see cref="SpaceCombatOptions.RateLimitMaxActions"/>
/// actions per sliding <see cref="SpaceCombatOptions.RateLimitWindow"/>.
/// </summary>
/// <remarks>
/// Each player gets a built-in <see cref="SlidingWindowRateLimiter"/>. That limiter reads the real
/// <c>Stopwatch</c> and cannot take a <see cref="TimeProvider"/>, so it is driven by hand: it is created with
/// <c>AutoReplenishment = false</c> and a one-tick <c>Window</c>. Its replenishment period (window / segments)
/// is then zero, which turns off its own real-time check, so every <c>TryReplenish()</c> slides the window by
/// exactly one segment. Before each acquire, the segments that have
/// elapsed on the injected <see cref="TimeProvider"/> are slid. The limiter therefore runs on the same clock
/// as the rest of the product, and tests drive it with <c>FakeTimeProvider</c>.
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
    private readonly int _segmentsPerWindow;
    private readonly long _segmentLengthTimestampTicks;
    private bool _disposed;

    public PlayerActionRateLimiter(IOptions<SpaceCombatOptions> options, TimeProvider timeProvider, SpaceCombatMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var window = options.Value.RateLimitWindow;
        _permitLimit = options.Value.RateLimitMaxActions;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _segmentsPerWindow = (int)Math.Clamp(window.Ticks / MinimumSegmentLength.Ticks, MinSegmentsPerWindow, MaxSegmentsPerWindow);
        var segmentLength = TimeSpan.FromTicks(window.Ticks / _segmentsPerWindow);
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
            QueueLimit = 0,
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
    }
}
