using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>What a battle starts from. <see cref="Validate"/> names the first problem in words a player can read.</summary>
public sealed record BattleSetup(
    string ShipOne,
    string ShipTwo,
    RangeBand StartBand = RangeBand.Medium,
    int MaxRounds = BattleSetup.DefaultMaxRounds)
{
    public const int DefaultMaxRounds = 200;

    public string? Validate()
    {
        if (!ShipRoster.TryGet(ShipOne, out _))
        {
            return $"Unknown ship '{ShipOne}'. Known ships: {string.Join(", ", ShipRoster.All.Select(s => s.Id))}.";
        }
        if (!ShipRoster.TryGet(ShipTwo, out _))
        {
            return $"Unknown ship '{ShipTwo}'. Known ships: {string.Join(", ", ShipRoster.All.Select(s => s.Id))}.";
        }
        if (!Enum.IsDefined(StartBand))
        {
            return $"Unknown range band '{StartBand}'.";
        }
        if (MaxRounds < 1)
        {
            return "A battle must allow at least one round.";
        }
        return null;
    }
}
