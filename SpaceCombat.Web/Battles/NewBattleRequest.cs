using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Web.Battles;

public enum OpponentKind
{
    Ai,
    Person,
}

/// <summary>What the creator chose on the set-up page. For a person opponent the enemy ship is chosen by the joiner.</summary>
[Orleans.Immutable]
public sealed record NewBattleRequest(OpponentKind Opponent, string Ship, string? EnemyShip, RangeBand StartBand)
{
    public string? Validate()
    {
        if (!Enum.IsDefined(Opponent))
        {
            return "Choose an opponent: the AI or a person.";
        }
        if (!ShipRoster.TryGet(Ship, out _))
        {
            return $"Unknown ship '{Ship}'.";
        }
        if (Opponent == OpponentKind.Ai && !ShipRoster.TryGet(EnemyShip, out _))
        {
            return $"Unknown enemy ship '{EnemyShip}'.";
        }
        return Enum.IsDefined(StartBand) ? null : $"Unknown range band '{StartBand}'.";
    }
}
