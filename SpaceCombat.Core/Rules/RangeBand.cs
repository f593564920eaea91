namespace SpaceCombat.Core.Rules;

/// <summary>The seven range bands, nearest first.</summary>
public enum RangeBand
{
    Adjacent,
    Close,
    Short,
    Medium,
    Long,
    VeryLong,
    Distant,
}

/// <summary>The range table of RULES.md section 3.</summary>
public static class RangeTable
{
    public static IReadOnlyList<RangeBand> Bands { get; } = Enum.GetValues<RangeBand>();

    public static int AttackDm(RangeBand band) => band switch
    {
        RangeBand.Adjacent => 0,
        RangeBand.Close => 0,
        RangeBand.Short => 1,
        RangeBand.Medium => 0,
        RangeBand.Long => -2,
        RangeBand.VeryLong => -4,
        RangeBand.Distant => -6,
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static int ThrustToLeave(RangeBand band) => band switch
    {
        RangeBand.Adjacent => 1,
        RangeBand.Close => 1,
        RangeBand.Short => 2,
        RangeBand.Medium => 5,
        RangeBand.Long => 10,
        RangeBand.VeryLong => 25,
        RangeBand.Distant => 50,
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static int MissileFlightRounds(RangeBand band) => band switch
    {
        RangeBand.Adjacent => 1,
        RangeBand.Close => 1,
        RangeBand.Short => 1,
        RangeBand.Medium => 1,
        RangeBand.Long => 2,
        RangeBand.VeryLong => 5,
        RangeBand.Distant => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    /// <summary>+1 per full 1,000 tons of the target, at most +6.</summary>
    public static int TargetSizeDm(int targetTons) => Math.Clamp(targetTons / 1000, 0, 6);

    // Literal names: Enum.ToString boxes the band, and refusals and log lines ask for names on every action.
    public static string DisplayName(this RangeBand band) => band switch
    {
        RangeBand.Adjacent => "Adjacent",
        RangeBand.Close => "Close",
        RangeBand.Short => "Short",
        RangeBand.Medium => "Medium",
        RangeBand.Long => "Long",
        RangeBand.VeryLong => "Very Long",
        RangeBand.Distant => "Distant",
        _ => band.ToString(),
    };

    /// <summary>Parses a band name as players write it: "Medium", "very long", "VeryLong", "very_long".</summary>
    public static bool TryParse(string? text, out RangeBand band)
    {
        band = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (int.TryParse(compact, out _))
        {
            return false;
        }
        return Enum.TryParse(compact, ignoreCase: true, out band) && Enum.IsDefined(band);
    }
}
