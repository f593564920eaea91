using Microsoft.Extensions.Options;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Battles;

/// <summary>Every <c>CombatCheckInterval</c>, ends and removes battles nobody has acted in for <c>CombatInactiveTimeout</c>.</summary>
public sealed class BattlePruner(IBattleRegistry registry, TimeProvider time, IOptions<SpaceCombatOptions> options, ILogger<BattlePruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CombatCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    registry.PruneInactive();
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
}
