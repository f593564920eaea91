using System.Runtime;

namespace SpaceCombat.LoadTest;

/// <summary>
/// Holds off the load generator's own garbage collections while a --sync-start level plays. A collection in the
/// generator pauses every simulated player at once, and the pause would be counted as the server's click-to-update
/// latency (measured: up to 4.4 s of generator pauses in a 27 s play phase of 2,000 circuits). The generator is not
/// what is measured, so it starts a no-GC region when the barrier opens and ends it when the level is over; the
/// server is left alone.
/// </summary>
internal static class GeneratorGc
{
    // The region's memory is committed up front, so the largest budget the runtime accepts is taken.
    private static readonly long[] Budgets = [4L << 30, 2L << 30, 1L << 30, 512L << 20];

    /// <summary>Starts the no-GC region; returns its budget in bytes, or null when the runtime refused every budget.</summary>
    public static long? Hold()
    {
        foreach (var budget in Budgets)
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
