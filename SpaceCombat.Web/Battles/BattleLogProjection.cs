using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Battles;

/// <summary>
/// One battle's live log as each kind of viewer may receive it (see <see cref="BattleProjection"/>), kept by its grain.
/// Each kind of viewer has a buffer the new events are appended to, and each view gets a <see cref="BattleLogWindow"/>
/// over it, so a change allocates no log unless the buffer must grow. Each launch is sealed once, so every view of the
/// battle holds the same sealed event and a circuit that describes each event once does not describe it again on every
/// change; a viewer whose log has not changed since its last view (a presence or deadline change) is given the same
/// window again. Single writer: its grain.
/// </summary>
public sealed class BattleLogProjection
{
    // Launches still in the live log, sealed: bounded by the launches of the rounds the log keeps.
    private readonly Dictionary<MissilesLaunched, MissilesLaunched> _sealed = new(ReferenceEqualityComparer.Instance);
    private readonly ViewerLog[] _viewers = [new(), new(), new()];

    /// <summary>The log as <paramref name="viewer"/> (null: a spectator) may receive it. The log only grows at its end and is trimmed at its start.</summary>
    public IReadOnlyList<BattleEvent> For(IReadOnlyList<BattleEvent> log, Side? viewer)
    {
        ArgumentNullException.ThrowIfNull(log);
        var viewerLog = _viewers[viewer switch { Side.One => 1, Side.Two => 2, _ => 0 }];
        if (log.Count == 0)
        {
            viewerLog.Clear();
            return BattleLogWindow.Empty;
        }
        if (viewerLog.Shows(log))
        {
            return viewerLog.Window;
        }
        if (!viewerLog.TryFollow(log, this, viewer))
        {
            viewerLog.Rebuild(log, this, viewer);
        }
        ForgetTrimmed(log[0].Round);
        return viewerLog.Window;
    }

    /// <summary>The event as <paramref name="viewer"/> may receive it: another side's launch is sealed (the same sealed copy each time).</summary>
    private BattleEvent Project(BattleEvent battleEvent, Side? viewer)
    {
        if (battleEvent is not MissilesLaunched launch || launch.Side == viewer)
        {
            return battleEvent;
        }
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

    /// <summary>
    /// One kind of viewer's projected log: the live events are _buffer[_start.._start + _count), and every window handed
    /// out ends at or before _start + _count. Thread-safety: circuits read earlier windows while the grain appends, which
    /// is safe because an append only writes slots past the end of every window handed out (and a window never reads past
    /// its count); anything that is not a trim at the start or an append at the end is written to a fresh buffer.
    /// </summary>
    private sealed class ViewerLog
    {
        private const int MinimumCapacity = 32;

        private BattleEvent[] _buffer = [];
        private int _start;
        private int _count;
        // The source events at the window's two ends (a projected launch is its sealed copy, so compare the source).
        private BattleEvent? _firstSource;
        private BattleEvent? _lastSource;

        public BattleLogWindow Window { get; private set; } = BattleLogWindow.Empty;

        // Appending moves the last event and trimming the first, so the same count, first and last mean the same log.
        public bool Shows(IReadOnlyList<BattleEvent> log) =>
            _count == log.Count && ReferenceEquals(_firstSource, log[0]) && ReferenceEquals(_lastSource, log[^1]);

        public void Clear()
        {
            (_buffer, _start, _count, _firstSource, _lastSource, Window) = ([], 0, 0, null, null, BattleLogWindow.Empty);
        }

        /// <summary>
        /// Follows a log that is this one trimmed at its start and grown at its end: the kept events stay where they are
        /// and the new ones are appended. False (nothing changed) when the log is anything else.
        /// </summary>
        public bool TryFollow(IReadOnlyList<BattleEvent> log, BattleLogProjection projection, Side? viewer)
        {
            if (_count == 0)
            {
                return false;
            }
            // Where this log's last event is now; searched from the end, as new events are few.
            var last = log.Count - 1;
            while (last >= 0 && !ReferenceEquals(log[last], _lastSource))
            {
                last--;
            }
            var kept = last + 1;
            var trimmed = _count - kept;
            if (last < 0 || trimmed < 0 || !ReferenceEquals(_buffer[_start + trimmed], projection.Project(log[0], viewer)))
            {
                return false;
            }
            var added = log.Count - kept;
            if (_start + _count + added > _buffer.Length)
            {
                // Full: the kept events move to a new buffer twice their size; windows over the old one keep it.
                var grown = new BattleEvent[Math.Max(MinimumCapacity, 2 * log.Count)];
                Array.Copy(_buffer, _start + trimmed, grown, 0, kept);
                (_buffer, _start) = (grown, 0);
            }
            else
            {
                _start += trimmed;
            }
            for (var i = 0; i < added; i++)
            {
                _buffer[_start + kept + i] = projection.Project(log[kept + i], viewer);
            }
            Took(log);
            return true;
        }

        /// <summary>Projects the whole log into a fresh buffer: earlier windows keep the buffer they read.</summary>
        public void Rebuild(IReadOnlyList<BattleEvent> log, BattleLogProjection projection, Side? viewer)
        {
            _buffer = new BattleEvent[Math.Max(MinimumCapacity, 2 * log.Count)];
            _start = 0;
            for (var i = 0; i < log.Count; i++)
            {
                _buffer[i] = projection.Project(log[i], viewer);
            }
            Took(log);
        }

        private void Took(IReadOnlyList<BattleEvent> log)
        {
            _count = log.Count;
            _firstSource = log[0];
            _lastSource = log[^1];
            Window = new BattleLogWindow(_buffer, _start, _count);
        }
    }
}
