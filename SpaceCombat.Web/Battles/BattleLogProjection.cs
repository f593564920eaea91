using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// One battle's live log as each kind of viewer may receive it (see <see cref="BattleProjection"/>), kept by its grain.
/// Each launch is sealed once, so every view of the battle holds the same sealed event and a circuit that describes
/// each event once does not describe it again on every change; a viewer whose log has not changed since its last view
/// (a presence or deadline change) is given the same array again.
/// </summary>
public sealed class BattleLogProjection
{
    // Launches still in the live log, sealed: bounded by the launches of the rounds the log keeps.
    private readonly Dictionary<MissilesLaunched, MissilesLaunched> _sealed = new(ReferenceEqualityComparer.Instance);
    private readonly Projected?[] _latest = new Projected?[3];

    /// <summary>The log as <paramref name="viewer"/> (null: a spectator) may receive it. The log only grows at its end and is trimmed at its start.</summary>
    public IReadOnlyList<BattleEvent> For(IReadOnlyList<BattleEvent> log, Side? viewer)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Count == 0)
        {
            return [];
        }
        var index = viewer switch { Side.One => 1, Side.Two => 2, _ => 0 };
        // Appending moves the last event and trimming the first, so the same count, first and last mean the same log.
        if (_latest[index] is { } latest && latest.Events.Length == log.Count && ReferenceEquals(latest.First, log[0])
            && ReferenceEquals(latest.Last, log[^1]))
        {
            return latest.Events;
        }
        var projected = new BattleEvent[log.Count];
        for (var i = 0; i < projected.Length; i++)
        {
            projected[i] = log[i] is MissilesLaunched launch && launch.Side != viewer ? Sealed(launch) : log[i];
        }
        _latest[index] = new Projected(projected, log[0], log[^1]);
        ForgetTrimmed(log[0].Round);
        return projected;
    }

    private MissilesLaunched Sealed(MissilesLaunched launch)
    {
        if (!_sealed.TryGetValue(launch, out var sealedLaunch))
        {
            sealedLaunch = launch with { Check = BattleProjection.SealedCheck };
            _sealed.Add(launch, sealedLaunch);
        }
        return sealedLaunch;
    }

    // The live log drops whole rounds from its start: a launch of an earlier round will not be asked for again.
    private void ForgetTrimmed(int oldestRound)
    {
        foreach (var launch in _sealed.Keys)
        {
            if (launch.Round < oldestRound)
            {
                _sealed.Remove(launch);
            }
        }
    }

    // First and Last are the source's events (a projected launch is its sealed copy).
    private sealed record Projected(BattleEvent[] Events, BattleEvent First, BattleEvent Last);
}
