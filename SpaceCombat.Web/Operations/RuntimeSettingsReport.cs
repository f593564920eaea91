namespace SpaceCombat.Web.Operations;

/// <summary>
/// Logs the garbage collector's effective settings once at start-up, so an operator reading the log knows which
/// runtime configuration the figures and pauses of this process came from (the app ships the platform's defaults).
/// </summary>
public sealed partial class RuntimeSettingsReport(ILogger<RuntimeSettingsReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = Read(GC.GetConfigurationVariables());
        LogGcSettings(logger, settings.ServerGc, settings.ConcurrentGc, settings.DynamicAdaptation, settings.HeapCount, settings.Gen0MaxBudget / (1024 * 1024), Environment.ProcessorCount);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The reported subset of the runtime's configuration variables; a variable the runtime does not give reads as its default.</summary>
    public static GcSettings Read(IReadOnlyDictionary<string, object> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new GcSettings(
            ServerGc: Flag(variables, "ServerGC"),
            ConcurrentGc: Flag(variables, "ConcurrentGC"),
            // DATAS: the runtime reports its adaptation mode as a number, 1 when on.
            DynamicAdaptation: Number(variables, "GCDynamicAdaptationMode") == 1,
            HeapCount: (int)Number(variables, "HeapCount"),
            Gen0MaxBudget: Number(variables, "GCGen0MaxBudget"));
    }

    private static bool Flag(IReadOnlyDictionary<string, object> variables, string name) =>
        variables.TryGetValue(name, out var value) && value is bool flag && flag;

    private static long Number(IReadOnlyDictionary<string, object> variables, string name) =>
        variables.TryGetValue(name, out var value) ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information,
        Message = "Runtime: server GC {ServerGc}, background GC {ConcurrentGc}, dynamic adaptation (DATAS) {DynamicAdaptation}, GC heaps {HeapCount}, gen0 budget at most {Gen0MaxBudgetMb} MB a heap, {ProcessorCount} processors")]
    private static partial void LogGcSettings(ILogger logger, bool serverGc, bool concurrentGc, bool dynamicAdaptation, int heapCount, long gen0MaxBudgetMb, int processorCount);
}

/// <summary>The garbage collector's effective settings that matter for pauses and memory.</summary>
public readonly record struct GcSettings(bool ServerGc, bool ConcurrentGc, bool DynamicAdaptation, int HeapCount, long Gen0MaxBudget);
