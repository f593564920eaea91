using SpaceCombat.Core.Rules;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// RULES.md section 5 as one pure function: what a manoeuvre does to the shared band and pool. The battle applies it;
/// the AI looks ahead with it, so both agree on when the range moves.
/// </summary>
public static class RangeManoeuvre
{
    /// <summary>
    /// The band and pool after spending <paramref name="thrust"/> (at least 1) in <paramref name="direction"/>; null when
    /// the rules refuse it (closing at Adjacent or opening at Distant with no pool running the other way to cancel).
    /// </summary>
    public static (RangeBand Band, ManoeuvrePool Pool)? Apply(RangeBand band, ManoeuvrePool pool, ManoeuvreDirection direction, int thrust)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(thrust, 1);
        var againstPool = !pool.IsEmpty && pool.Direction != direction;
        if (IsAtEdge(band, direction))
        {
            if (!againstPool)
            {
                return null;
            }
            // Only cancelling is possible at the edge: any excess is lost.
            var left = pool.Thrust - thrust;
            return (band, left > 0 ? pool with { Thrust = left } : ManoeuvrePool.Empty);
        }

        var next = !againstPool ? new ManoeuvrePool(direction, pool.Thrust + thrust)
            : thrust < pool.Thrust ? pool with { Thrust = pool.Thrust - thrust }
            : thrust == pool.Thrust ? ManoeuvrePool.Empty
            : new ManoeuvrePool(direction, thrust - pool.Thrust);
        if (next.Thrust >= RangeTable.ThrustToLeave(band))
        {
            return (next.Direction == ManoeuvreDirection.Close ? band - 1 : band + 1, ManoeuvrePool.Empty);
        }
        return (band, next);
    }

    public static bool IsAtEdge(RangeBand band, ManoeuvreDirection direction) =>
        (direction == ManoeuvreDirection.Close && band == RangeBand.Adjacent) || (direction == ManoeuvreDirection.Open && band == RangeBand.Distant);

    public static ManoeuvreDirection Opposite(this ManoeuvreDirection direction) =>
        direction == ManoeuvreDirection.Close ? ManoeuvreDirection.Open : ManoeuvreDirection.Close;
}
