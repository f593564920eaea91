using SpaceCombat.Core.Battles;

namespace SpaceCombat.Simulator;

/// <summary>The figures of one pairing's battles, as the report prints them.</summary>
public sealed record PairingStats(
    Pairing Pairing,
    int Battles,
    int WinsOne,
    int WinsTwo,
    int Draws,
    double MeanRounds,
    int P95Rounds,
    double MeanHullOne,
    double MeanHullTwo,
    double? MeanHullOneWhenWinning,
    double? MeanHullTwoWhenWinning,
    IReadOnlyList<(BattleEndReason Reason, int Count)> Reasons)
{
    public int WinsOf(Side side) => side == Side.One ? WinsOne : WinsTwo;

    public double WinRate(Side side) => Battles == 0 ? 0 : (double)WinsOf(side) / Battles;

    public double DrawRate => Battles == 0 ? 0 : (double)Draws / Battles;

    public static PairingStats From(Pairing pairing, IReadOnlyList<BattleResult> battles)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        ArgumentNullException.ThrowIfNull(battles);
        var winsOne = battles.Count(b => b.Winner == Side.One);
        var winsTwo = battles.Count(b => b.Winner == Side.Two);
        var rounds = battles.Select(b => b.Rounds).ToArray();
        var reasons = Enum.GetValues<BattleEndReason>()
            .Select(r => (Reason: r, Count: battles.Count(b => b.Reason == r)))
            .Where(r => r.Count > 0)
            .ToArray();
        return new PairingStats(
            pairing,
            battles.Count,
            winsOne,
            winsTwo,
            battles.Count - winsOne - winsTwo,
            battles.Count == 0 ? 0 : rounds.Average(),
            Percentile(rounds, 95),
            battles.Count == 0 ? 0 : battles.Average(b => b.HullOne),
            battles.Count == 0 ? 0 : battles.Average(b => b.HullTwo),
            winsOne == 0 ? null : battles.Where(b => b.Winner == Side.One).Average(b => b.HullOne),
            winsTwo == 0 ? null : battles.Where(b => b.Winner == Side.Two).Average(b => b.HullTwo),
            reasons);
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    public static int Percentile(IReadOnlyCollection<int> values, int percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
