using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Who may open the admin dashboard, for one circuit (scoped). With <see cref="SpaceCombatOptions.AdminPassword"/>
/// set, the circuit signs in with it (compared in constant time, never logged; wrong guesses lock the client out for
/// a while, see <see cref="AdminSignInGuard"/>) and stays signed in for its lifetime. Without a password, only a
/// circuit whose connection came from a loopback address may open it, and only when no forwarded-headers proxy is
/// configured: behind a reverse proxy on the same host every request arrives from loopback, so then nobody may.
/// </summary>
public sealed partial class AdminAccess(
    IOptions<SpaceCombatOptions> options,
    IOptions<ForwardedHeadersOptions> forwardedHeaders,
    AdminSignInGuard guard,
    ILogger<AdminAccess> logger)
{
    private readonly byte[]? _passwordBytes = string.IsNullOrEmpty(options.Value.AdminPassword)
        ? null
        : Encoding.UTF8.GetBytes(options.Value.AdminPassword);

    /// <summary>True when a password is configured: the dashboard asks for it.</summary>
    public bool PasswordRequired => _passwordBytes is not null;

    /// <summary>True when forwarded headers are processed (a reverse proxy is configured): the loopback rule is off.</summary>
    public bool BehindProxy { get; } = IsProxyConfigured(forwardedHeaders.Value);

    /// <summary>The address the circuit's connection came from; null until known (then the loopback rule refuses).</summary>
    public IPAddress? RemoteAddress { get; private set; }

    public bool IsSignedIn { get; private set; }

    /// <summary>Whether the circuit is a loopback one.</summary>
    public bool IsLoopback => RemoteAddress is { } address && IPAddress.IsLoopback(address);

    /// <summary>Whether this circuit may see the dashboard now.</summary>
    public bool IsGranted => PasswordRequired ? IsSignedIn : IsLoopback && !BehindProxy;

    /// <summary>Whether forwarded headers are configured, by <c>ForwardedHeadersOptions</c> or <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>.</summary>
    public static bool IsProxyConfigured(ForwardedHeadersOptions options) => options.ForwardedHeaders != ForwardedHeaders.None;

    /// <summary>Records where the circuit's connection came from (done by <see cref="AdminAccessCircuitHandler"/>).</summary>
    public void SetRemoteAddress(IPAddress? address)
    {
        if (address is not null)
        {
            RemoteAddress = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        }
    }

    /// <summary>
    /// Signs the circuit in when <paramref name="password"/> is the configured one and the client is not locked out.
    /// The password is never logged.
    /// </summary>
    public AdminSignInResult TrySignIn(string? password)
    {
        if (_passwordBytes is null)
        {
            return AdminSignInResult.Refused(TimeSpan.Zero);
        }
        var remaining = guard.RemainingLockout(RemoteAddress);
        if (remaining > TimeSpan.Zero)
        {
            IsSignedIn = false;
            return AdminSignInResult.LockedOut(remaining);
        }
        var given = Encoding.UTF8.GetBytes(password ?? "");
        // FixedTimeEquals is constant-time for equal lengths; hashing first hides the length too.
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(_passwordBytes));
        IsSignedIn = matches;
        if (matches)
        {
            guard.RecordSuccess(RemoteAddress);
            LogSignedIn(logger, RemoteAddress?.ToString());
            return AdminSignInResult.SignedIn;
        }
        LogSignInRefused(logger, RemoteAddress?.ToString());
        var lockout = guard.RecordFailure(RemoteAddress);
        return lockout > TimeSpan.Zero ? AdminSignInResult.LockedOut(lockout) : AdminSignInResult.Refused(TimeSpan.Zero);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Admin signed in from {ClientAddress}")]
    private static partial void LogSignedIn(ILogger logger, string? clientAddress);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Admin sign-in refused (wrong password) from {ClientAddress}")]
    private static partial void LogSignInRefused(ILogger logger, string? clientAddress);
}

/// <summary>The outcome of an admin sign-in: signed in, a wrong password, or locked out for <see cref="RetryAfter"/>.</summary>
public readonly record struct AdminSignInResult(bool Succeeded, TimeSpan RetryAfter)
{
    public static AdminSignInResult SignedIn => new(true, TimeSpan.Zero);

    public static AdminSignInResult Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public static AdminSignInResult LockedOut(TimeSpan retryAfter) => new(false, retryAfter);

    public bool IsLockedOut => !Succeeded && RetryAfter > TimeSpan.Zero;

    /// <summary>What the sign-in form says.</summary>
    public string? Message => Succeeded
        ? null
        : IsLockedOut
            ? $"Too many wrong passwords. Try again in {Math.Ceiling(RetryAfter.TotalSeconds):0} s."
            : "Wrong password.";
}
