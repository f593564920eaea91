using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>Warns at start-up when no admin password is set (the dashboard is then open to loopback requests only).</summary>
public sealed partial class AdminStartupCheck(IOptions<SpaceCombatOptions> options, ILogger<AdminStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.AdminPassword))
        {
            LogNoPassword(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "AdminPassword is not set: /admin is open to loopback requests only")]
    private static partial void LogNoPassword(ILogger logger);
}
