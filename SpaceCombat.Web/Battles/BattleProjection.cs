using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// What one viewer of a battle may receive: a salvo's launch check is its launcher's secret until the salvo strikes
/// or is destroyed (RULES.md section 6), so the defender's and the spectators' logs carry a sealed check instead
/// (<see cref="BattleLogProjection"/> makes each viewer's log).
/// </summary>
public static class BattleProjection
{
    /// <summary>The check a viewer is given in place of a launch check they may not see.</summary>
    public static CheckRoll SealedCheck { get; } = new([], [], 0, CheckRoll.StandardTarget);
}
