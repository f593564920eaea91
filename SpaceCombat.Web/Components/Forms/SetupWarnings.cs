using System.Globalization;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Components.Forms;

/// <summary>The set-up page's warning for a lopsided match-up, from the AI-against-AI figures of <see cref="MatchupOdds"/>.</summary>
public static class SetupWarnings
{
    /// <summary>A side that wins this rarely (or less) is warned about.</summary>
    public const double LopsidedBelow = 0.2;

    public static string? Lopsided(MatchupResult result, string shipName, string enemyName)
    {
        var band = result.Band.DisplayName();
        if (result.WinRate <= LopsidedBelow)
        {
            return $"A lopsided match-up: the {shipName} wins {Percent(result.WinRate)} of these from {band} (AI against AI, {result.Battles} battles).";
        }
        if (result.LossRate <= LopsidedBelow)
        {
            return $"A lopsided match-up: the {enemyName} wins only {Percent(result.LossRate)} of these from {band} (AI against AI, {result.Battles} battles).";
        }
        return null;
    }

    private static string Percent(double rate) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(rate * 100):0} %");
}
