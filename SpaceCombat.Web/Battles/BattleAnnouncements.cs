using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// The short sentences a screen reader announces as a battle goes on: hits on either ship, critical hits and the
/// result (turn changes and presence come from the view itself). Plain words, no dice: the log has those.
/// </summary>
public static class BattleAnnouncements
{
    /// <summary>The announcement for one event, or null when the event is not announced.</summary>
    public static string? For(BattleEvent battleEvent, Side? viewer, Func<Side, string> shipName) => battleEvent switch
    {
        LaserAttack { Damage: { Damage: > 0 } damage } attack =>
            $"{shipName(attack.Side)} hits {CombatLogText.MidSentence(shipName(attack.Side.Opponent()))} for {damage.Damage}: hull {damage.HullAfter}.",
        MissileStrike { Check.Success: true } strike when strike.Damage.Sum(d => d.Damage) is > 0 and var total =>
            $"Missiles from {CombatLogText.MidSentence(shipName(strike.Side))} hit {CombatLogText.MidSentence(shipName(strike.Side.Opponent()))} for {total}: hull {strike.Damage[^1].HullAfter}.",
        CriticalHit critical =>
            $"Critical hit on {CombatLogText.MidSentence(shipName(critical.TargetSide))}: {critical.Location.DisplayName()}, {critical.Effect}.",
        BattleEnded ended => $"{ResultTitle(ended.Outcome, viewer, shipName)}. {CombatLogText.DescribeOutcome(ended.Outcome, shipName)}.",
        _ => null,
    };

    /// <summary>"Victory", "Defeat", "Draw", or for a spectator "Type-S Scout (side one) wins".</summary>
    public static string ResultTitle(BattleOutcome outcome, Side? viewer, Func<Side, string> shipName) => outcome.Winner switch
    {
        null => "Draw",
        { } winner when viewer is { } seat => winner == seat ? "Victory" : "Defeat",
        { } winner => $"{shipName(winner)} wins",
    };
}
