using System.Diagnostics;

namespace SpaceCombat.LoadTest.Server;

/// <summary>
/// When the run took a server or node down on purpose (--kill-server-at, --kill-node-at, --rolling-restart-at), so a
/// player who rejoins can tell how long it was without its battle. Process-wide: one run per process.
/// </summary>
public static class Disruptions
{
    private static readonly Lock Gate = new();
    private static readonly List<long> Times = [];

    /// <summary>Records that a server or node goes down now.</summary>
    public static void Mark()
    {
        lock (Gate)
        {
            Times.Add(Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The latest disruption at or before <paramref name="timestamp"/>, or null when there was none.</summary>
    public static long? LatestBefore(long timestamp)
    {
        lock (Gate)
        {
            for (var i = Times.Count - 1; i >= 0; i--)
            {
                if (Times[i] <= timestamp)
                {
                    return Times[i];
                }
            }
            return null;
        }
    }

    /// <summary>Forgets earlier runs' disruptions (tests run several in one process).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Times.Clear();
        }
    }
}
