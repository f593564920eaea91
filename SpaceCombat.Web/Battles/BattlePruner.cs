using Microsoft.Extensions.Options;
using SpaceCombat.Web.Battles.Cluster;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// Every <c>CombatCheckInterval</c>, ends and removes battles nobody has acted in for <c>CombatInactiveTimeout</c>.
/// Its pass asks the journal which battles were last active before that and calls only their grains, so it brings no
/// other battle into memory; battles come back after a restart through <see cref="BattleRevival"/>, and after a node
/// is lost through <see cref="Cluster.NodeDepartureWatch"/>.
/// In a cluster every node keeps the schedule but only the senior one makes the pass: it covers every battle.
/// </summary>
public sealed class BattlePruner(
    IBattleRegistry registry,
    ClusterSeniority seniority,
    TimeProvider time,
    IOptions<SpaceCombatOptions> options,
    ILogger<BattlePruner> logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    /// <summary>The schedule starts when the host starts (ExecuteAsync itself runs later, on a background thread).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.Value.CombatCheckInterval, time);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("The pruner was not started.");
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!seniority.IsSenior)
                {
                    continue;
                }
                try
                {
                    await registry.PruneInactiveAsync(stoppingToken);
                }
                catch (Exception exception)
                {
                    logger.LogError(exception, "Pruning inactive battles failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }
}
