using System.Net;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Slows password guessing on the admin sign-in, per client address (all circuits of one client share it): after
/// <see cref="FreeAttempts"/> wrong passwords the client is locked out for <see cref="FirstLockout"/>, and every wrong
/// password after a lockout locks it out again for twice as long, up to <see cref="MaxLockout"/>. While locked out
/// every attempt is refused without looking at the password, so the right one does not get in either. A right
/// password forgets the client's failures. Singleton; time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class AdminSignInGuard(TimeProvider time, ILogger<AdminSignInGuard> logger)
{
    /// <summary>Wrong passwords a client may give before its first lockout.</summary>
    public const int FreeAttempts = 5;

    /// <summary>Clients remembered at once; past this the one with the oldest failure is forgotten.</summary>
    public const int MaxTrackedClients = 10_000;

    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    /// <summary>A client with no wrong password for this long starts again with its free attempts.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClientRecord> _clients = new(StringComparer.Ordinal);

    private sealed class ClientRecord
    {
        public int Failures;
        public int Lockouts;
        public DateTimeOffset LockedUntil;
        public DateTimeOffset LastFailure;
    }

    /// <summary>How long <paramref name="client"/> must still wait before its next attempt; zero when it may try now.</summary>
    public TimeSpan RemainingLockout(IPAddress? client)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _clients.TryGetValue(Key(client), out var record) && record.LockedUntil > now ? record.LockedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>Records a wrong password; returns the lockout it starts (zero while the client still has free attempts).</summary>
    public TimeSpan RecordFailure(IPAddress? client)
    {
        var key = Key(client);
        var now = time.GetUtcNow();
        TimeSpan lockout;
        int failures;
        lock (_lock)
        {
            if (!_clients.TryGetValue(key, out var record) || now - record.LastFailure >= ForgetAfter)
            {
                if (record is null && _clients.Count >= MaxTrackedClients)
                {
                    ForgetOldest();
                }
                record = new ClientRecord();
                _clients[key] = record;
            }
            record.Failures++;
            record.LastFailure = now;
            failures = record.Failures;
            if (record.Failures < FreeAttempts && record.Lockouts == 0)
            {
                return TimeSpan.Zero;
            }
            record.Lockouts++;
            lockout = LockoutFor(record.Lockouts);
            record.LockedUntil = now + lockout;
        }
        LogLockedOut(logger, key, failures, (int)lockout.TotalSeconds);
        return lockout;
    }

    /// <summary>Forgets the client's failures after a right password.</summary>
    public void RecordSuccess(IPAddress? client)
    {
        lock (_lock)
        {
            _clients.Remove(Key(client));
        }
    }

    /// <summary>30 s, 60 s, 120 s, ... up to <see cref="MaxLockout"/>.</summary>
    internal static TimeSpan LockoutFor(int lockouts)
    {
        var doublings = Math.Min(lockouts - 1, 16);
        var lockout = FirstLockout * Math.Pow(2, doublings);
        return lockout < MaxLockout ? lockout : MaxLockout;
    }

    private static string Key(IPAddress? client) => client?.ToString() ?? "unknown";

    private void ForgetOldest()
    {
        var oldest = _clients.MinBy(pair => pair.Value.LastFailure);
        _clients.Remove(oldest.Key);
    }

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning,
        Message = "Admin sign-in locked for {LockoutSeconds} s for {ClientAddress} after {Failures} wrong passwords")]
    private static partial void LogLockedOut(ILogger logger, string clientAddress, int failures, int lockoutSeconds);
}
