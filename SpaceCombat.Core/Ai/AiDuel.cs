using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;

namespace SpaceCombat.Core.Ai;

/// <summary>Plays a whole battle with the AI on both sides, through the same commands a person would give.</summary>
public static class AiDuel
{
    /// <summary>More commands than any legal turn needs; past it the turn is ended, so a faulty captain cannot hang a run.</summary>
    private const int CommandsPerTurnLimit = 64;

    public static Battle Play(BattleSetup setup, IDice dice, Action<BattleEvent>? onEvent = null)
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
        var commandsThisTurn = 0;
        var turn = battle.TurnNumber;
        while (battle.Outcome is null)
        {
            var snapshot = battle.Snapshot;
            if (snapshot.TurnNumber != turn)
            {
                turn = snapshot.TurnNumber;
                commandsThisTurn = 0;
            }
            var side = snapshot.ActiveSide!.Value;
            var command = ++commandsThisTurn > CommandsPerTurnLimit
                ? new EndTurn(side)
                : captains[side == Side.One ? 0 : 1].Decide(snapshot) ?? new EndTurn(side);
            var result = battle.Execute(command);
            if (onEvent is not null)
            {
                foreach (var battleEvent in result.Events)
                {
                    onEvent(battleEvent);
                }
            }
        }
        return battle;
    }
}
