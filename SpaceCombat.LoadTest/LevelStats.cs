using System.Collections.Concurrent;
using System.Diagnostics;

namespace SpaceCombat.LoadTest;

/// <summary>What one level records while it runs; thread-safe.</summary>
public sealed class LevelStats(int battles)
{
    private readonly Lock _gate = new();
    private readonly List<double> _durationsS = [];
    private readonly List<double> _navigationMs = [];
    private readonly Dictionary<string, List<double>> _byKind = [];
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly ConcurrentDictionary<string, int> _results = new();
    private long _actions;
    private long _rateLimited;
    private int _started;
    private int _completed;
    private int _failed;
    private int _openClients;
    private int _peakClients;
    private int _inPlay;
    private bool _playingOut;
    private long _turnsEndedByTimer;
    private long _rejoins;
    private long _startsRefused;
    private long _arrivalsRefused;
    private long _eventsLost;
    private long _eventsChecked;
    private long _longestInputGapTicks;

    public int Battles { get; } = battles;

    private int _setupPending = battles;
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every battle of the level has finished its set-up (ready to play, or failed).</summary>
    public Task AllReady => _allReady.Task;

    /// <summary>Runs on the thread that ends the last set-up, before the barrier opens.</summary>
    public Action? BeforeAllReady { get; init; }

    /// <summary>When the last battle finished its set-up (0 until then).</summary>
    public long AllReadyTimestamp { get; private set; }

    /// <summary>How many battles are set up and waiting (with --sync-start) or playing.</summary>
    public int Ready => Battles - Volatile.Read(ref _setupPending);

    /// <summary>One battle's set-up ended (both players in the battle, or the battle failed); call once per battle.</summary>
    public void SetupEnded()
    {
        if (Interlocked.Decrement(ref _setupPending) == 0)
        {
            BeforeAllReady?.Invoke();
            AllReadyTimestamp = Stopwatch.GetTimestamp();
            _allReady.TrySetResult();
        }
    }
    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();
    public long? EndTimestamp { get; set; }
    public int Started => Volatile.Read(ref _started);
    public int Completed => Volatile.Read(ref _completed);
    public int Failed => Volatile.Read(ref _failed);
    public long Actions => Interlocked.Read(ref _actions);
    public long RateLimited => Interlocked.Read(ref _rateLimited);
    public int OpenClients => Volatile.Read(ref _openClients);
    public int PeakClients => Volatile.Read(ref _peakClients);
    public IReadOnlyDictionary<string, int> Failures => _failures;
    public IReadOnlyDictionary<string, int> Results => _results;
    /// <summary>Click→update latencies (ms), stamped when the update arrived.</summary>
    public StampedSeries Latencies { get; } = new();

    /// <summary>The send→receive interval of each measured click (the same clicks as <see cref="Latencies"/>).</summary>
    public ClickSpans Clicks { get; } = new();

    /// <summary>The load generator's own garbage-collection pauses (the run's recorder; a level reads its own stretch).</summary>
    public GeneratorPauses GeneratorPauses { get; init; } = new();

    /// <summary>Page opened → <c>data-interactive="true"</c> (ms) of every page a player opened, stamped when it became interactive.</summary>
    public StampedSeries PageInteractive { get; } = new();

    /// <summary>One point per arriving pair (or solo player), stamped when it arrived.</summary>
    public StampedSeries Arrivals { get; } = new();

    /// <summary>One point per battle that ended: 1 completed, 0 failed.</summary>
    public StampedSeries Ends { get; } = new();

    /// <summary>Battles in play (both players in, not yet ended), sampled about once a second.</summary>
    public StampedSeries InPlaySamples { get; } = new();

    public int BattlesInPlay => Volatile.Read(ref _inPlay);

    /// <summary>Turns of the simulated players that the server's turn timer ended (the player had not clicked End Turn).</summary>
    public long TurnsEndedByTimer => Interlocked.Read(ref _turnsEndedByTimer);

    /// <summary>The longest a player could act without sending any input (to check against the server's IdleTimeout).</summary>
    public TimeSpan LongestInputGap => TimeSpan.FromTicks(Interlocked.Read(ref _longestInputGapTicks));

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartTimestamp, EndTimestamp ?? Stopwatch.GetTimestamp());

    public void BattleStarted() => Interlocked.Increment(ref _started);

    public void PairArrived() => Arrivals.Add(1);

    /// <summary>Whether --sustain's window has closed: no more pairs arrive, and the battles in flight play out.</summary>
    public bool PlayingOut => Volatile.Read(ref _playingOut);

    public void WindowClosed() => Volatile.Write(ref _playingOut, true);

    public void PlayBegan() => Interlocked.Increment(ref _inPlay);

    public void PlayEnded() => Interlocked.Decrement(ref _inPlay);

    public void SampleInPlay() => InPlaySamples.Add(BattlesInPlay);

    public void PageBecameInteractive(double milliseconds) => PageInteractive.Add(milliseconds);

    public void TurnEndedByTimer() => Interlocked.Increment(ref _turnsEndedByTimer);

    /// <summary>Players that lost their circuit to a server restart and rejoined their battle (--kill-server-at).</summary>
    public long Rejoins => Interlocked.Read(ref _rejoins);

    /// <summary>Log lines players saw before a server restart that were missing from the battle's log after it.</summary>
    public long EventsLost => Interlocked.Read(ref _eventsLost);

    /// <summary>Log lines seen before a server restart that were checked against the battle's log after it.</summary>
    public long EventsChecked => Interlocked.Read(ref _eventsChecked);

    /// <summary>
    /// How much a cumulative counter grew over its samples (NaN ones skipped; NaN with fewer than two). A counter that
    /// went back was reset by a new server process (--kill-server-at): it counts again from zero.
    /// </summary>
    public static double CounterIncrease(IEnumerable<double> samples)
    {
        var values = samples.Where(v => !double.IsNaN(v)).ToList();
        if (values.Count < 2)
        {
            return double.NaN;
        }
        var increase = 0.0;
        for (var i = 1; i < values.Count; i++)
        {
            increase += values[i] >= values[i - 1] ? values[i] - values[i - 1] : values[i];
        }
        return increase;
    }

    public void Rejoined() => Interlocked.Increment(ref _rejoins);

    private readonly List<double> _recoveryMs = [];

    /// <summary>A player whose circuit was lost saw its battle page again this long after the server or node went down.</summary>
    public void Recovered(TimeSpan sinceDown)
    {
        lock (_gate)
        {
            _recoveryMs.Add(sinceDown.TotalMilliseconds);
        }
    }

    public double[] RecoveriesSnapshot()
    {
        lock (_gate)
        {
            return [.. _recoveryMs];
        }
    }

    /// <summary>"Start Battle" clicks the set-up page refused (each retried or failed with its message, see StartRefusal).</summary>
    public long StartsRefused => Interlocked.Read(ref _startsRefused);

    public void StartRefused() => Interlocked.Increment(ref _startsRefused);

    /// <summary>Pages that arrived on the server's busy page instead of their own (see ArrivalRefusal).</summary>
    public long ArrivalsRefused => Interlocked.Read(ref _arrivalsRefused);

    public void ArrivalRefused() => Interlocked.Increment(ref _arrivalsRefused);

    public void EventsCompared(int checkedLines, int lostLines)
    {
        Interlocked.Add(ref _eventsChecked, checkedLines);
        Interlocked.Add(ref _eventsLost, lostLines);
    }

    public void InputGap(TimeSpan gap)
    {
        long longest;
        while (gap.Ticks > (longest = Interlocked.Read(ref _longestInputGapTicks))
               && Interlocked.CompareExchange(ref _longestInputGapTicks, gap.Ticks, longest) != longest)
        {
        }
    }

    public void BattleCompleted(TimeSpan duration, string results)
    {
        Interlocked.Increment(ref _completed);
        _results.AddOrUpdate(results, 1, (_, n) => n + 1);
        Ends.Add(1);
        lock (_gate)
        {
            _durationsS.Add(duration.TotalSeconds);
        }
    }

    public void BattleFailed(string reason)
    {
        Interlocked.Increment(ref _failed);
        _failures.AddOrUpdate(reason, 1, (_, n) => n + 1);
        Ends.Add(0);
    }

    public void ClientOpened()
    {
        var open = Interlocked.Increment(ref _openClients);
        int peak;
        while (open > (peak = Volatile.Read(ref _peakClients)) && Interlocked.CompareExchange(ref _peakClients, open, peak) != peak)
        {
        }
    }

    public void ClientClosed() => Interlocked.Decrement(ref _openClients);

    /// <summary>An action whose click→update took <paramref name="latencyMs"/> up to now (null: its effect was not seen).</summary>
    public void Action(double? latencyMs, string kind = "action")
    {
        if (latencyMs is not { } ms)
        {
            Interlocked.Increment(ref _actions);
            return;
        }
        var received = Stopwatch.GetTimestamp();
        Action(received - (long)(ms * Stopwatch.Frequency / 1000), received, kind);
    }

    /// <summary>An action clicked at <paramref name="sent"/> whose effect arrived at <paramref name="received"/> (Stopwatch timestamps).</summary>
    public void Action(long sent, long received, string kind)
    {
        Interlocked.Increment(ref _actions);
        var ms = Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds;
        Latencies.Add(received, ms);
        Clicks.Add(sent, received);
        lock (_gate)
        {
            if (!_byKind.TryGetValue(kind, out var list))
            {
                _byKind[kind] = list = [];
            }
            list.Add(ms);
        }
    }

    /// <summary>Latencies per action kind (Fire, Launch Missile, End Turn).</summary>
    public Dictionary<string, double[]> LatenciesByKind()
    {
        lock (_gate)
        {
            return _byKind.ToDictionary(p => p.Key, p => p.Value.ToArray());
        }
    }

    /// <summary>A navigation click (Start Battle, Join Battle): click to the new page's render.</summary>
    public void Navigation(double latencyMs)
    {
        lock (_gate)
        {
            _navigationMs.Add(latencyMs);
        }
    }

    public double[] NavigationSnapshot()
    {
        lock (_gate)
        {
            return [.. _navigationMs];
        }
    }

    public void ActionRateLimited() => Interlocked.Increment(ref _rateLimited);

    /// <summary>
    /// Click→update latencies by window of play (from when every battle was set up, or the level's start): shows whether
    /// the tail comes from the first burst of clicks or from stalls throughout.
    /// </summary>
    public List<(double FromSeconds, int Count, double P50, double P95, double Max)> LatencyWindows(double windowSeconds)
    {
        var origin = AllReadyTimestamp != 0 ? AllReadyTimestamp : StartTimestamp;
        var windows = new SortedDictionary<int, List<double>>();
        foreach (var (stamp, ms) in Latencies.Points())
        {
            var at = Stopwatch.GetElapsedTime(origin, stamp).TotalSeconds;
            var index = (int)Math.Floor(Math.Max(0, at) / windowSeconds);
            if (!windows.TryGetValue(index, out var list))
            {
                windows[index] = list = [];
            }
            list.Add(ms);
        }
        return windows.Select(w =>
        {
            var values = w.Value.ToArray();
            return (w.Key * windowSeconds, values.Length, Percentile(values, 50), Percentile(values, 95), values.Max());
        }).ToList();
    }

    public double[] LatenciesSnapshot() => Latencies.All();

    public double[] DurationsSnapshot()
    {
        lock (_gate)
        {
            return [.. _durationsS];
        }
    }

    /// <summary>Nearest-rank percentile; NaN when empty.</summary>
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
