using SpaceCombat.Core.Battles;

namespace SpaceCombat.Core.Logbook;

/// <summary>
/// The first page of a battle's logbook, stored once when the battle starts: the set-up, the faces its start rolled
/// (initiative), and the sides an AI captain commands. <see cref="Format"/> says how the entries that follow are to be
/// read.
/// </summary>
public sealed record LogbookOpening(int Format, BattleSetup Setup, IReadOnlyList<int> StartFaces, IReadOnlyList<Side> AiSides)
{
    public const int CurrentFormat = 1;

    /// <summary>The first problem with this page in words an operator can read, or null.</summary>
    public string? Validate()
    {
        if (Format != CurrentFormat)
        {
            return $"The logbook is in format {Format}; this version reads format {CurrentFormat}.";
        }
        if (Setup is null)
        {
            return "The logbook has no set-up.";
        }
        if (Setup.Validate() is { } problem)
        {
            return problem;
        }
        if (StartFaces is null)
        {
            return "The logbook has no start faces.";
        }
        if (AiSides is null || AiSides.Any(s => !Enum.IsDefined(s)) || AiSides.Distinct().Count() != AiSides.Count)
        {
            return "The AI sides must be distinct sides of the battle.";
        }
        return null;
    }
}
