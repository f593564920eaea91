using System.Globalization;
using System.Text;

namespace SpaceCombat.Core.Rules;

/// <summary>
/// The exact odds of a 2D check before it is rolled: the same named modifiers the engine will roll with, and how many
/// of the 36 equally likely outcomes of 2D reach the target.
/// </summary>
public sealed class CheckOdds
{
    private static readonly string[] SkillNames = ["Gunner", "Pilot"];

    private string? _formula;
    private string? _summary;
    private string? _noChance;

    public CheckOdds(IReadOnlyList<Modifier> modifiers, int target = CheckRoll.StandardTarget)
    {
        ArgumentNullException.ThrowIfNull(modifiers);
        Modifiers = modifiers;
        Target = target;
        foreach (var modifier in modifiers)
        {
            TotalDm += modifier.Value;
        }
        Ways = WaysToReach(target - TotalDm);
    }

    public IReadOnlyList<Modifier> Modifiers { get; }

    public int Target { get; }

    /// <summary>The sum of the modifiers.</summary>
    public int TotalDm { get; }

    /// <summary>What the two dice must show for the check to succeed.</summary>
    public int ScoreNeeded => Target - TotalDm;

    /// <summary>How many of the 36 outcomes of 2D succeed (0 to 36).</summary>
    public int Ways { get; }

    /// <summary>The chance of success, exactly Ways / 36.</summary>
    public double Chance => Ways / 36.0;

    /// <summary>The chance in whole percent, rounded to nearest (never 0 when a success is possible, never 100 when a failure is).</summary>
    public int Percent => Ways switch
    {
        0 => 0,
        36 => 100,
        _ => Math.Clamp((int)Math.Round(Ways * 100 / 36.0, MidpointRounding.AwayFromZero), 1, 99),
    };

    public bool Possible => Ways > 0;

    /// <summary>"2D + Gunner 1 + Range +1 ≥ 8": every modifier by name; skills as their level, other DMs signed.</summary>
    public string Formula => _formula ??= BuildFormula();

    /// <summary>"58 % · 2D + Gunner 1 + Range 0 ≥ 8": the chance, then how it is made.</summary>
    public string Summary => _summary ??= Percent.ToString(CultureInfo.InvariantCulture) + " % · " + Formula;

    /// <summary>Why a check that cannot succeed is not offered; made once, as odds are shared between snapshots.</summary>
    internal string NoChanceText => _noChance ??= $"No chance: {Formula} needs {ScoreNeeded.ToString(CultureInfo.InvariantCulture)} on two dice, which roll at most 12.";

    /// <summary>How many of the 36 outcomes of 2D are at least <paramref name="score"/>.</summary>
    public static int WaysToReach(int score)
    {
        var ways = 0;
        for (var first = 1; first <= 6; first++)
        {
            for (var second = 1; second <= 6; second++)
            {
                if (first + second >= score)
                {
                    ways++;
                }
            }
        }
        return ways;
    }

    private string BuildFormula()
    {
        var text = new StringBuilder("2D");
        foreach (var modifier in Modifiers)
        {
            var skill = Array.IndexOf(SkillNames, modifier.Name) >= 0;
            text.Append(" + ").Append(modifier.Name).Append(' ').Append(skill ? Plain(modifier.Value) : Signed(modifier.Value));
        }
        return text.Append(" ≥ ").Append(Target.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static string Plain(int value) => value < 0 ? "−" + (-value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static string Signed(int value) => value switch
    {
        > 0 => "+" + value.ToString(CultureInfo.InvariantCulture),
        < 0 => "−" + (-value).ToString(CultureInfo.InvariantCulture),
        _ => "0",
    };
}
