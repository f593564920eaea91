using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.LoadTest.Scenario;

/// <summary>One battle's scenario: the creator's ship, the joiner's (or the AI's) ship, and the starting band.</summary>
public sealed record BattlePlan(string Ship, string EnemyShip, string Range)
{
    /// <summary>The plan of the battle with this index: drawn by <see cref="ScenarioMix"/> with --mix, else the fixed scenario.</summary>
    public static BattlePlan For(LoadTestOptions options, int index) =>
        options.Mix ? ScenarioMix.For(options.Seed, index) : new BattlePlan(options.Ship, options.EnemyShip, options.Range);
}

/// <summary>
/// --mix: each battle's ships and starting band as players choose them. Each player picks any ship of the roster; the
/// creator most often keeps the set-up page's default band, Medium, and rarely starts at the extremes.
/// </summary>
public static class ScenarioMix
{
    /// <summary>How often each starting band is chosen (out of the sum): Medium 8 in 20.</summary>
    public static IReadOnlyList<(RangeBand Band, int Weight)> BandWeights { get; } =
    [
        (RangeBand.Adjacent, 1), (RangeBand.Close, 2), (RangeBand.Short, 3), (RangeBand.Medium, 8),
        (RangeBand.Long, 3), (RangeBand.VeryLong, 2), (RangeBand.Distant, 1),
    ];

    private static readonly int TotalWeight = BandWeights.Sum(b => b.Weight);

    /// <summary>The plan of battle <paramref name="index"/> of a run seeded <paramref name="seed"/>: the same for the same pair, in any process.</summary>
    public static BattlePlan For(int seed, int index) => Draw(new Random(unchecked(seed * 486_187_739 + index * 16_777_619)));

    public static BattlePlan Draw(Random random)
    {
        var ships = ShipRoster.All;
        var ship = ships[random.Next(ships.Count)].Id;
        var enemy = ships[random.Next(ships.Count)].Id;
        var pick = random.Next(TotalWeight);
        foreach (var (band, weight) in BandWeights)
        {
            if (pick < weight)
            {
                return new BattlePlan(ship, enemy, band.ToString());
            }
            pick -= weight;
        }
        throw new InvalidOperationException("The band weights do not add up.");
    }
}
