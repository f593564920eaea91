using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// What one viewer of a battle may receive: a salvo's launch check is its launcher's secret until the salvo strikes
/// or is destroyed (RULES.md section 6), so the defender's and the spectators' logs carry a sealed check instead.
/// </summary>
public static class BattleProjection
{
    /// <summary>The check a viewer is given in place of a launch check they may not see.</summary>
    public static CheckRoll SealedCheck { get; } = new([], [], 0, CheckRoll.StandardTarget);

    /// <summary>The log as <paramref name="viewer"/> (null: a spectator) may receive it.</summary>
    public static BattleEvent[] LogFor(IReadOnlyList<BattleEvent> log, Side? viewer)
    {
        var projected = new BattleEvent[log.Count];
        for (var i = 0; i < projected.Length; i++)
        {
            projected[i] = log[i] is MissilesLaunched launch && launch.Side != viewer ? launch with { Check = SealedCheck } : log[i];
        }
        return projected;
    }
}
