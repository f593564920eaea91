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
    /// <summary>Click-to-update p50/p95/p99 (ms) and count per action kind.</summary>
    public Dictionary<string, double[]> LatencyByKind { get; init; } = [];
    public bool MaxP95Exceeded { get; init; }
    /// <summary>The machine's 1-minute load average (/proc/loadavg) at the start and end of the level: other work on the machine.</summary>
    public string LoadAverage { get; init; } = "";
    public bool SyncStart { get; init; }
    /// <summary>Whether the load generator held off its own garbage collections while the level played (see GeneratorGc).</summary>
    public string GeneratorGc { get; init; } = "";
    public bool Passed => Failed == 0 && Completed == Battles && !MaxP95Exceeded;
}
