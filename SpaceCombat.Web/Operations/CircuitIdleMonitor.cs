using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Every <see cref="SpaceCombatOptions.ConnectionCheckInterval"/>, disconnects circuits idle for
/// <see cref="SpaceCombatOptions.IdleTimeout"/> through <see cref="CircuitActivityRegistry.DisconnectIdleCircuits"/>.
/// </summary>
public sealed partial class CircuitIdleMonitor : BackgroundService
{
    private readonly CircuitActivityRegistry _registry;
    private readonly ILogger<CircuitIdleMonitor> _logger;
    // Created up front, not in ExecuteAsync (which .NET 10 starts on the thread pool), so no tick is missed.
    private readonly PeriodicTimer _timer;

    public CircuitIdleMonitor(
        CircuitActivityRegistry registry,
        IOptions<SpaceCombatOptions> options,
        TimeProvider timeProvider,
        ILogger<CircuitIdleMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _logger = logger;
        _timer = new PeriodicTimer(options.Value.ConnectionCheckInterval, timeProvider);
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    _registry.DisconnectIdleCircuits();
                }
                catch (Exception exception)
                {
                    LogCheckFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "The idle circuit check failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
