using SpaceCombat.Core.Battles;

namespace SpaceCombat.Core.Ai;

/// <summary>
/// What an AI captain carries from one decision to the next: the turn it is playing, what it already considered in
/// that turn (so a refused command never makes it loop) and its run of outmatched turns (RULES.md section 10's
/// surrender). A battle's logbook stores it with each of the captain's commands, so a captain recalled after a restart
/// decides as the lost one would have.
/// </summary>
public sealed record CaptainMemory(
    Side Side,
    int Turn,
    bool ManoeuvreConsidered,
    IReadOnlyList<int> TurretsConsidered,
    int LastCountedTurn,
    int OutmatchedTurns)
{
    /// <summary>The first problem with this memory in words an operator can read, or null.</summary>
    public string? Validate()
    {
        if (!Enum.IsDefined(Side))
        {
            return $"There is no side {(int)Side}.";
        }
        if (TurretsConsidered is null || TurretsConsidered.Any(t => t < 0))
        {
            return "The considered turrets must be a list of turret indexes from 0.";
        }
        if (OutmatchedTurns < 0)
        {
            return "The outmatched turns cannot be negative.";
        }
        return null;
    }
}
