using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// The colour of a log line for its viewer: the viewer's own actions in their ship's colour, the enemy's in the
/// enemy's; a critical hit in red only when it strikes the viewer's ship; the result in green for a victory and red
/// for a defeat (neutral for a draw or a spectator).
/// </summary>
public static class CombatLogStyle
{
    public const string Own = "sc-log-own";
    public const string Enemy = "sc-log-enemy";
    public const string CriticalOnViewer = "sc-log-critical";
    public const string CriticalByViewer = "sc-log-own sc-log-strong";
    public const string Victory = "sc-log-end sc-log-victory";
    public const string Defeat = "sc-log-end sc-log-defeat";
    public const string Ended = "sc-log-end";

    public static string For(BattleEvent entry, Side? viewer) => (entry, viewer) switch
    {
        (BattleEnded { Outcome.Winner: { } winner }, { } seat) => winner == seat ? Victory : Defeat,
        (BattleEnded, _) => Ended,
        (CriticalHit critical, { } seat) => critical.TargetSide == seat ? CriticalOnViewer : CriticalByViewer,
        (CriticalHit, null) => CriticalOnViewer,
        (_, { } seat) when entry.Actor is { } side => side == seat ? Own : Enemy,
        _ => "",
    };
}
