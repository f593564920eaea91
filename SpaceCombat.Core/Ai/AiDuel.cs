using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;

namespace SpaceCombat.Core.Ai;

/// <summary>Plays a whole battle with the AI on both sides, through the same commands a person would give.</summary>
public static class AiDuel
{
    /// <param name="onEvent">Every event of the battle, in order, the start events included.</param>
    /// <param name="onCommand">Every command the captains gave, accepted or not, in order.</param>
    public static Battle Play(BattleSetup setup, IDice dice, Action<BattleEvent>? onEvent = null, Action<BattleCommand>? onCommand = null)
    {
        var battle = Battle.Start(setup, dice);
        if (onEvent is not null)
        {
            foreach (var startEvent in battle.StartEvents)
            {
                onEvent(startEvent);
            }
        }
        var captains = new[] { new AiCaptain(Side.One), new AiCaptain(Side.Two) };
        while (battle.Outcome is null)
        {
            var captain = captains[battle.ActiveSide == Side.One ? 0 : 1];
            captain.PlayTurn(battle, (command, result) =>
            {
                onCommand?.Invoke(command);
                if (onEvent is not null)
                {
                    foreach (var battleEvent in result.Events)
                    {
                        onEvent(battleEvent);
                    }
                }
            });
        }
        return battle;
    }
}
