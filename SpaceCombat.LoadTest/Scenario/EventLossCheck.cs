namespace SpaceCombat.LoadTest.Scenario;

/// <summary>
/// After a server restart, checks that every log line a player saw before the restart is still in the battle's log
/// after it, in the same order: a line missing is an accepted command (or its result) the server lost.
/// </summary>
public static class EventLossCheck
{
    /// <summary>
    /// The lines of <paramref name="seenBefore"/> (oldest first) that are not found, in order, in
    /// <paramref name="logAfter"/> (oldest first). Repeated lines ("Free Trader ends its turn.") are matched one for one.
    /// </summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<string> seenBefore, IReadOnlyList<string> logAfter)
    {
        ArgumentNullException.ThrowIfNull(seenBefore);
        ArgumentNullException.ThrowIfNull(logAfter);
        var missing = new List<string>();
        var next = 0;
        foreach (var line in seenBefore)
        {
            var found = -1;
            for (var i = next; i < logAfter.Count; i++)
            {
                if (string.Equals(logAfter[i], line, StringComparison.Ordinal))
                {
                    found = i;
                    break;
                }
            }
            if (found < 0)
            {
                missing.Add(line);
            }
            else
            {
                next = found + 1;
            }
        }
        return missing;
    }
}
