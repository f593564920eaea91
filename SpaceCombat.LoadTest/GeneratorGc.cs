using System.Runtime;

namespace SpaceCombat.LoadTest;

/// <summary>
/// Holds off the load generator's own garbage collections while a --sync-start level plays. A collection in the
/// generator pauses every simulated player at once, and the pause would be counted as the server's click-to-update
/// latency. The generator is not what is measured, so it starts a no-GC region when the barrier opens and ends it
/// when the level is over; the server is left alone.
/// </summary>
internal static class GeneratorGc
{
    /// <summary>
    /// Region budget per battle of the level: about twice what play allocates (0.25 MB per person-vs-person battle).
    /// No more than that: the runtime hands a region's memory out from pages the process never touched, and every
    /// first touch is a page fault that takes CPU from the shared cores.
    /// </summary>
    public const long BytesPerBattle = 512L << 10;

    public const long MinimumBudget = 64L << 20;

    /// <summary>The largest region asked for (accepted on this machine); a request the runtime refuses is halved.</summary>
    public const long MaximumBudget = 4L << 30;

    /// <summary>The region's budget for a level of <paramref name="battles"/> battles.</summary>
    public static long BudgetFor(int battles) => Math.Clamp(battles * BytesPerBattle, MinimumBudget, MaximumBudget);

    /// <summary>Starts the no-GC region sized for the level; returns its budget in bytes, or null when the runtime refused it.</summary>
    public static long? Hold(int battles)
    {
        for (var budget = BudgetFor(battles); budget >= MinimumBudget; budget /= 2)
        {
            try
            {
                if (GC.TryStartNoGCRegion(budget))
                {
                    return budget;
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // Larger than this GC allows: try a smaller budget.
            }
            catch (InvalidOperationException)
            {
                return null; // already in a region
            }
        }
        return null;
    }

    /// <summary>Ends the region; false when it had already ended because the level allocated more than its budget.</summary>
    public static bool Release()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return false;
        }
        try
        {
            GC.EndNoGCRegion();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // a collection ended it
        }
    }
}
