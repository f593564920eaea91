using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// What one client address may make the server hold or do: open circuits (<see cref="SpaceCombatOptions.CircuitsPerClient"/>,
/// a concurrency limit whose lease lives as long as the circuit), battles created and battle codes looked up per
/// minute (sliding windows). Each partition is a <c>System.Threading.RateLimiting</c> limiter keyed by
/// <see cref="ClientAddress.KeyOf(System.Net.IPAddress?)"/>; idle partitions are dropped by the limiter itself.
/// Refusals are logged once per client and limit per minute, with how many there were. Singleton.
/// </summary>
/// <remarks>
/// The per-minute windows run on real time (the partitioned limiter's own timer), not on the injected
/// <see cref="TimeProvider"/>: a minute-long limit needs no finer clock, and tests only count within one window.
/// </remarks>
public sealed partial class ClientLimits : IDisposable
{
    public const string CircuitsRefusedMessage = "Too many open pages from your address. Close some SpaceCombat tabs, then reload this one.";
    public const string BattlesRefusedMessage = "You have created too many battles in the last minute: wait a moment before creating another.";
    public const string LookupsRefusedMessage = "Too many battle codes tried from your address: wait a minute before trying another.";

    private static readonly TimeSpan LogWindow = TimeSpan.FromMinutes(1);
    private const int MaxLoggedClients = 10_000;

    private readonly PartitionedRateLimiter<string> _circuits;
    private readonly PartitionedRateLimiter<string> _battles;
    private readonly PartitionedRateLimiter<string> _lookups;
    private readonly ConcurrentDictionary<(string Limit, string Client), RefusalWindow> _refusals = new();
    private readonly TimeProvider _time;
    private readonly SpaceCombatMetrics? _metrics;
    private readonly ILogger<ClientLimits> _logger;

    public ClientLimits(IOptions<SpaceCombatOptions> options, TimeProvider time, ILogger<ClientLimits> logger, SpaceCombatMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _circuits = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetConcurrencyLimiter(client,
            _ => new ConcurrencyLimiterOptions { PermitLimit = settings.CircuitsPerClient, QueueLimit = 0 }));
        _battles = PerMinute(settings.BattlesPerClientPerMinute);
        _lookups = PerMinute(settings.CodeLookupsPerClientPerMinute);
    }

    /// <summary>Whether the client may open one more circuit now (checked before a circuit is created).</summary>
    public bool CanOpenCircuit(string client) => _circuits.GetStatistics(client)?.CurrentAvailablePermits > 0;

    /// <summary>
    /// Takes one of the client's circuit places; dispose the lease when the circuit closes. A lease that is not
    /// acquired is a refusal (already logged).
    /// </summary>
    public RateLimitLease OpenCircuit(string client) => Refused(_circuits.AttemptAcquire(client), "circuits", client);

    /// <summary>Records a circuit refused before it was created (the client already holds its maximum).</summary>
    public void CircuitRefused(string client) => LogRefusal("circuits", client);

    /// <summary>Takes one battle creation from the client's minute; false is a refusal (logged).</summary>
    public bool TryCreateBattle(string client)
    {
        using var lease = Refused(_battles.AttemptAcquire(client), "battles", client);
        return lease.IsAcquired;
    }

    /// <summary>Takes one code look-up (join page, join, watch) from the client's minute; false is a refusal (logged).</summary>
    public bool TryLookUpCode(string client)
    {
        using var lease = Refused(_lookups.AttemptAcquire(client), "code look-ups", client);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _circuits.Dispose();
        _battles.Dispose();
        _lookups.Dispose();
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetSlidingWindowLimiter(client,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    private RateLimitLease Refused(RateLimitLease lease, string limit, string client)
    {
        if (!lease.IsAcquired)
        {
            LogRefusal(limit, client);
        }
        return lease;
    }

    private void LogRefusal(string limit, string client)
    {
        _metrics?.ClientRefused();
        var now = _time.GetUtcNow();
        if (_refusals.Count > MaxLoggedClients)
        {
            foreach (var (key, old) in _refusals)
            {
                if (now - old.Started >= LogWindow)
                {
                    _refusals.TryRemove(key, out _);
                }
            }
        }
        var window = _refusals.GetOrAdd((limit, client), _ => new RefusalWindow());
        int? report;
        lock (window)
        {
            report = window.Count(now, LogWindow);
        }
        if (report is { } refusals)
        {
            LogClientRefused(_logger, client, limit, refusals);
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning,
        Message = "Client {Client} refused by the per-client {Limit} limit ({Refusals} refusals since the last report, at most one report a minute)")]
    private static partial void LogClientRefused(ILogger logger, string client, string limit, int refusals);

    /// <summary>Counts one client's refusals of one limit; says when (once a minute) they are due in the log.</summary>
    private sealed class RefusalWindow
    {
        public DateTimeOffset Started { get; private set; } = DateTimeOffset.MinValue;
        private int _unreported;

        /// <summary>Counts a refusal; returns how many to report when a report is due, else null.</summary>
        public int? Count(DateTimeOffset now, TimeSpan window)
        {
            _unreported++;
            if (now - Started < window)
            {
                return null;
            }
            Started = now;
            var report = _unreported;
            _unreported = 0;
            return report;
        }
    }
}
