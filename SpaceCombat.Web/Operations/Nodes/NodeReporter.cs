using Microsoft.Extensions.Options;

namespace SpaceCombat.Web.Operations.Nodes;

/// <summary>
/// Tells the cluster's <see cref="INodeRosterGrain"/> this node's name and open circuits once the node has started and
/// every <see cref="Interval"/> after; each report holds for three intervals, so a node that stops reporting (it died)
/// leaves the roll within that time.
/// </summary>
public sealed partial class NodeReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<SpaceCombatOptions> options,
    SpaceCombatMetrics metrics,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<NodeReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Sends this node's report now.</summary>
    public Task ReportAsync() =>
        grains.GetGrain<INodeRosterGrain>(0).ReportAsync(new NodeReport(silo.SiloAddress.ToParsableString(), options.Value.Cluster.NodeId,
            metrics.Current.ConnectionsCurrent, time.GetUtcNow() + 3 * Interval));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ApplicationStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await ReportAsync();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                ReportFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Reporting this node to the cluster's roll failed; the next report is due in one interval")]
    private static partial void ReportFailed(ILogger logger, Exception exception);
}
