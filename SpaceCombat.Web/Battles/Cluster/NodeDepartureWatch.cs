using SpaceCombat.Web.Battles.Grains;

namespace SpaceCombat.Web.Battles.Cluster;

/// <summary>
/// Follows the cluster's membership. When another node leaves or is declared dead, the battles that lived on it are
/// gone from memory until something calls them: this node at once renews its pages' observers and seat leases (their
/// battles come back on a live node and its players see them again within a second, not at the next renewal), and the
/// senior node calls every kept battle in play, so those no page watches come back too and their deadlines still fire
/// (an ended battle has none: it stays in the journal until it is looked up).
/// </summary>
public sealed partial class NodeDepartureWatch(
    IClusterMembershipService membership,
    ClusterSeniority seniority,
    BattleFeed feed,
    IBattleRegistry registry,
    ILogger<NodeDepartureWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var departed = snapshot.CreateUpdate(previous).Changes.Count(member => member.Status == SiloStatus.Dead);
                previous = snapshot;
                if (departed > 0)
                {
                    await BringBackAsync(departed, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BringBackAsync(int departed, CancellationToken stoppingToken)
    {
        NodesDeparted(logger, departed);
        try
        {
            await feed.RenewAsync();
            if (seniority.IsSenior)
            {
                BattlesBroughtBack(logger, await registry.BringBackAsync(stoppingToken));
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            BringingBackFailed(logger, exception);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Nodes} node(s) of the cluster left or were declared dead: their battles come back on the live nodes")]
    private static partial void NodesDeparted(ILogger logger, int nodes);

    [LoggerMessage(LogLevel.Information, "{Battles} kept battles in play called after a node left")]
    private static partial void BattlesBroughtBack(ILogger logger, int battles);

    [LoggerMessage(LogLevel.Error, "Bringing back the battles of a node that left failed; each comes back at its next call, or when the pruning pass finds it inactive")]
    private static partial void BringingBackFailed(ILogger logger, Exception exception);
}
