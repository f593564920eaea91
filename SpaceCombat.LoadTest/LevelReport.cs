namespace SpaceCombat.LoadTest;

/// <summary>The figures of one level, as written to the console, JSON and Markdown.</summary>
public sealed record LevelReport
{
    public required int Battles { get; init; }
    public required string Clients { get; init; }
    public required bool Solo { get; init; }
    public required int Started { get; init; }
    public required int Completed { get; init; }
    public required int Failed { get; init; }
    /// <summary>Pairs (or solo players) that arrived: the level's battles, or with --sustain every battle begun in the window.</summary>
    public int Arrivals { get; init; }
    public required double SuccessPercent { get; init; }
    public required Dictionary<string, int> FailuresByReason { get; init; }
    public required Dictionary<string, int> Results { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required double DurationP50Seconds { get; init; }
    public required double DurationP95Seconds { get; init; }
    public required long Actions { get; init; }
    public required long RateLimited { get; init; }
    public required double LatencyP50Ms { get; init; }
    public required double LatencyP95Ms { get; init; }
    public required double LatencyP99Ms { get; init; }
    public required double LatencyMaxMs { get; init; }
    public required double NavigationP50Ms { get; init; }
    public required double NavigationP95Ms { get; init; }
    /// <summary>From requesting a page to its <c>data-interactive="true"</c>, over every page a player opened (ms).</summary>
    public double PageInteractiveP50Ms { get; init; } = double.NaN;
    public double PageInteractiveP95Ms { get; init; } = double.NaN;
    /// <summary>Turns the server's turn timer ended because the player had not (the clients should act well within it).</summary>
    public long TurnsEndedByTimer { get; init; }
    /// <summary>The longest any player could act without sending input (to compare with the server's IdleTimeout).</summary>
    public double LongestInputGapSeconds { get; init; } = double.NaN;
    /// <summary>--kill-server-at: players that rejoined after the restart, and the log lines they saw before it that were checked and lost.</summary>
    public long Rejoins { get; init; }
    /// <summary>"Start Battle" clicks the set-up page refused with a message (tried again when it said to wait).</summary>
    public long StartsRefused { get; init; }
    /// <summary>Pages that arrived on the server's busy page (its admission queue full), rejoins tried again included.</summary>
    public long ArrivalsRefused { get; init; }
    public long AcceptedEventsChecked { get; init; }
    public long AcceptedEventsLost { get; init; }
    /// <summary>Recovery of the players who rejoined: from the server or node going down to their battle page again (ms).</summary>
    public double RecoveryP50Ms { get; init; } = double.NaN;
    public double RecoveryP95Ms { get; init; } = double.NaN;
    public double RecoveryMaxMs { get; init; } = double.NaN;
    public required double ActionsPerSecond { get; init; }
    public required int PeakClients { get; init; }
    public required double ServerPeakConnections { get; init; }
    public required double ServerCpuAvgPercent { get; init; }
    public required double ServerCpuPeakPercent { get; init; }
    public required double ServerWorkingSetBaselineMb { get; init; }
    public required double ServerWorkingSetPeakMb { get; init; }
    public required double ServerHeapBaselineMb { get; init; }
    public required double ServerHeapPeakMb { get; init; }
    public required double HeapPerCircuitMb { get; init; }
    public required double WorkingSetPerCircuitMb { get; init; }
    public double? ServerRssPeakMbFromProc { get; init; }
    /// <summary>Time the server was paused for garbage collection during the level (s), and its collections by generation.</summary>
    public double ServerGcPauseSeconds { get; init; } = double.NaN;
    public double[] ServerGcCollections { get; init; } = [];
    /// <summary>Managed memory the server allocated during the level (MB).</summary>
    public double ServerAllocatedMb { get; init; } = double.NaN;
    /// <summary>Time the server's JIT compiler spent compiling during the level (s): a fresh server's first level pays for its code here.</summary>
    public double ServerJitSeconds { get; init; } = double.NaN;
    /// <summary>Click-to-update p50/p95/p99 (ms) and count per action kind.</summary>
    public Dictionary<string, double[]> LatencyByKind { get; init; } = [];
    public bool MaxP95Exceeded { get; init; }
    /// <summary>The machine's 1-minute load average (/proc/loadavg) at the start and end of the level: other work on the machine.</summary>
    public string LoadAverage { get; init; } = "";
    public bool SyncStart { get; init; }
    /// <summary>Whether the load generator held off its own garbage collections while the level played (see GeneratorGc).</summary>
    public string GeneratorGc { get; init; } = "";
    /// <summary>The generator's own GC pauses over the level and the click→update tail without the clicks they overlapped; null when not recorded.</summary>
    public GeneratorPauseFigures? GeneratorPauses { get; init; }
    /// <summary>The runtime's total of the generator's GC pauses over the level (<see cref="GC.GetTotalPauseDuration"/>), to check the recorded pauses against (s).</summary>
    public double GeneratorPauseSecondsByRuntime { get; init; } = double.NaN;
    /// <summary>False when the events of the generator's last collections had not arrived when the report was built.</summary>
    public bool GeneratorPausesComplete { get; init; } = true;
    /// <summary>The per-minute figures of a --sustain run; null for a burst level.</summary>
    public SustainReport? Sustain { get; init; }
    /// <summary>Every battle that began ended correctly: all of the level's, or with --sustain all that arrived in the window.</summary>
    public bool Passed => Failed == 0 && Completed == Arrivals && (Sustain is not null || Completed == Battles) && !MaxP95Exceeded;
}
