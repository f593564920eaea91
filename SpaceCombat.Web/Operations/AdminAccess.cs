using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Who may open the admin dashboard, for one circuit (scoped). With <see cref="SpaceCombatOptions.AdminPassword"/>
/// set, the circuit signs in with it (compared in constant time, never logged) and stays signed in for its
/// lifetime. Without a password, only a circuit whose connection came from a loopback address may open it.
/// </summary>
public sealed partial class AdminAccess(IOptions<SpaceCombatOptions> options, ILogger<AdminAccess> logger)
{
    private readonly byte[]? _passwordBytes = string.IsNullOrEmpty(options.Value.AdminPassword)
        ? null
        : Encoding.UTF8.GetBytes(options.Value.AdminPassword);

    /// <summary>True when a password is configured: the dashboard asks for it.</summary>
    public bool PasswordRequired => _passwordBytes is not null;

    /// <summary>The address the circuit's connection came from; null until known (then the loopback rule refuses).</summary>
    public IPAddress? RemoteAddress { get; private set; }

    public bool IsSignedIn { get; private set; }

    /// <summary>Whether the circuit is a loopback one.</summary>
    public bool IsLoopback => RemoteAddress is { } address && IPAddress.IsLoopback(address);

    /// <summary>Whether this circuit may see the dashboard now.</summary>
    public bool IsGranted => PasswordRequired ? IsSignedIn : IsLoopback;

    /// <summary>Records where the circuit's connection came from (done by <see cref="AdminAccessCircuitHandler"/>).</summary>
    public void SetRemoteAddress(IPAddress? address)
    {
        if (address is not null)
        {
            RemoteAddress = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        }
    }

    /// <summary>Signs the circuit in when <paramref name="password"/> is the configured one. The password is never logged.</summary>
    public bool TrySignIn(string? password)
    {
        if (_passwordBytes is null)
        {
            return false;
        }
        var given = Encoding.UTF8.GetBytes(password ?? "");
        // FixedTimeEquals is constant-time for equal lengths; hashing first hides the length too.
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(_passwordBytes));
        IsSignedIn = matches;
        if (matches)
        {
            LogSignedIn(logger, RemoteAddress?.ToString());
        }
        else
        {
            LogSignInRefused(logger, RemoteAddress?.ToString());
        }
        return matches;
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Admin signed in from {RemoteAddress}")]
    private static partial void LogSignedIn(ILogger logger, string? remoteAddress);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Admin sign-in refused (wrong password) from {RemoteAddress}")]
    private static partial void LogSignInRefused(ILogger logger, string? remoteAddress);
}
