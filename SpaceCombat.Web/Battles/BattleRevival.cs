using SpaceCombat.Web.Battles.Cluster;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// At start-up, brings back every battle in play the journal kept (after a restart or a crash): each grain is activated,
/// so its deadlines are re-armed and one that passed while the server was down is applied now, not at the first visit.
/// An ended battle (it has no deadline) stays in the journal until it is looked up.
/// In a cluster only the senior node does it (<see cref="ClusterSeniority"/>): N nodes starting together would
/// otherwise call every battle N times, while the cluster is still forming.
/// </summary>
public sealed partial class BattleRevival(IBattleRegistry registry, ClusterSeniority seniority, IHostApplicationLifetime lifetime, ILogger<BattleRevival> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ApplicationStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }
        if (!seniority.IsSenior)
        {
            LeftToSenior(logger);
            return;
        }
        try
        {
            Revived(logger, await registry.BringBackAsync(stoppingToken));
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            RevivalFailed(logger, exception);
        }
    }

    [LoggerMessage(LogLevel.Information, "{Battles} kept battles in play brought back at start-up")]
    private static partial void Revived(ILogger logger, int battles);

    [LoggerMessage(LogLevel.Information, "Another node of the cluster started first: it brings back the kept battles")]
    private static partial void LeftToSenior(ILogger logger);

    [LoggerMessage(LogLevel.Error, "Bringing back the kept battles at start-up failed; each comes back at its first visit, or when the pruning pass finds it inactive")]
    private static partial void RevivalFailed(ILogger logger, Exception exception);
}
