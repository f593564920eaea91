using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// A standing helm order as it is stored with its battle, so it outlives the process: what was ordered and what the
/// order has seen so far (the turn it last measured, its progress then, the turn it handed back, what the weapons
/// could already do). <see cref="Format"/> says how to read it, as the logbook opening's does.
/// </summary>
public sealed record StandingHelmOrderState(
    int Format,
    Side Side,
    ManoeuvreDirection Direction,
    RangeBand? Goal,
    bool IsActive,
    string? StoppedBecause,
    int LastTurn,
    int? LastProgress,
    int HandedBackTurn,
    long? KnownPossible)
{
    public const int CurrentFormat = 1;

    /// <summary>The first problem with this record in words an operator can read, or null.</summary>
    public string? Validate()
    {
        if (Format != CurrentFormat)
        {
            return $"The helm order is in format {Format}; this version reads format {CurrentFormat}.";
        }
        if (!Enum.IsDefined(Side) || !Enum.IsDefined(Direction) || (Goal is { } goal && !Enum.IsDefined(goal)))
        {
            return "The helm order names no side, direction or band this version knows.";
        }
        if (Direction == ManoeuvreDirection.Open && Goal is null)
        {
            return "An opening helm order needs a band to aim for.";
        }
        return null;
    }
}
