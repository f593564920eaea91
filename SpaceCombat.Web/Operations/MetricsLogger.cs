using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations;

/// <summary>Logs one structured event with every SpaceCombat figure each <see cref="SpaceCombatOptions.MetricsLogInterval"/>.</summary>
public sealed partial class MetricsLogger : BackgroundService
{
    private readonly SpaceCombatMetrics _metrics;
    private readonly ILogger<MetricsLogger> _logger;
    // Created up front, not in ExecuteAsync (which .NET 10 starts on the thread pool), so no tick is missed.
    private readonly PeriodicTimer _timer;

    public MetricsLogger(SpaceCombatMetrics metrics, IOptions<SpaceCombatOptions> options, TimeProvider timeProvider, ILogger<MetricsLogger> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _logger = logger;
        _timer = new PeriodicTimer(options.Value.MetricsLogInterval, timeProvider);
    }

    /// <summary>Logs the current figures once.</summary>
    public void LogCurrent()
    {
        var m = _metrics.Current;
        LogFigures(_logger, m.ConnectionsCurrent, m.ConnectionsPeak, m.ConnectionsTotal,
            m.BattlesCurrent, m.BattlesPeak, m.BattlesTotal, m.BattlesPruned,
            m.ActionsTotal, m.ActionsRateLimited, m.IdleDisconnects,
            m.CommandCount, m.CommandLatencyAverageMs, m.CommandLatencyMaxMs,
            m.MemoryCurrentBytes / (1024 * 1024), m.MemoryPeakBytes / (1024 * 1024), m.Uptime);
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
                    LogCurrent();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message =
        "SpaceCombat metrics: connections {ConnectionsCurrent} (peak {ConnectionsPeak}, total {ConnectionsTotal}), " +
        "battles {BattlesCurrent} (peak {BattlesPeak}, total {BattlesTotal}, pruned {BattlesPruned}), " +
        "actions {ActionsTotal} (rate-limited {ActionsRateLimited}), idle disconnects {IdleDisconnects}, " +
        "commands {CommandCount} (avg {CommandLatencyAverageMs:F1} ms, max {CommandLatencyMaxMs:F1} ms), " +
        "memory {MemoryCurrentMiB} MiB (peak {MemoryPeakMiB} MiB), uptime {Uptime}")]
    private static partial void LogFigures(ILogger logger,
        long connectionsCurrent, long connectionsPeak, long connectionsTotal,
        long battlesCurrent, long battlesPeak, long battlesTotal, long battlesPruned,
        long actionsTotal, long actionsRateLimited, long idleDisconnects,
        long commandCount, double commandLatencyAverageMs, double commandLatencyMaxMs,
        long memoryCurrentMiB, long memoryPeakMiB, TimeSpan uptime);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Could not log the SpaceCombat metrics")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
