using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Warns at start-up when no admin password is set: the dashboard is then open to loopback requests only, or to
/// nobody when a forwarded-headers proxy is configured (behind a reverse proxy every request can look local).
/// </summary>
public sealed partial class AdminStartupCheck(
    IOptions<SpaceCombatOptions> options,
    IOptions<ForwardedHeadersOptions> forwardedHeaders,
    ILogger<AdminStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.AdminPassword))
        {
            if (AdminAccess.IsProxyConfigured(forwardedHeaders.Value))
            {
                LogNoPasswordBehindProxy(logger);
            }
            else
            {
                LogNoPassword(logger);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "AdminPassword is not set: /admin is open to loopback requests only (while no forwarded-headers proxy is configured)")]
    private static partial void LogNoPassword(ILogger logger);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning,
        Message = "AdminPassword is not set and forwarded headers are configured: /admin is closed to everyone (behind a reverse proxy every request can look local); set AdminPassword to open it")]
    private static partial void LogNoPasswordBehindProxy(ILogger logger);
}
