using System.Diagnostics;
using System.Globalization;

namespace SpaceCombat.LoadTest.Server;

/// <summary>One scrape of the server's Prometheus /metrics (System.Runtime and SpaceCombat meters).</summary>
public sealed record MetricsSample(long Timestamp, double CpuSeconds, double WorkingSetBytes, double ManagedHeapBytes, double Connections, double Battles)
{
    /// <summary>Total time the runtime paused the process for garbage collection (dotnet_gc_pause_time_seconds_total).</summary>
    public double GcPauseSeconds { get; init; } = double.NaN;

    /// <summary>Collections so far by generation: gen0, gen1, gen2 (dotnet_gc_collections_total).</summary>
    public double[] GcCollections { get; init; } = [double.NaN, double.NaN, double.NaN];

    /// <summary>Bytes allocated on the managed heap so far (dotnet_gc_heap_total_allocated_bytes_total).</summary>
    public double AllocatedBytes { get; init; } = double.NaN;

    /// <summary>Time the JIT compiler has spent compiling methods so far, on any thread (dotnet_jit_compilation_time_seconds_total).</summary>
    public double JitSeconds { get; init; } = double.NaN;

    /// <summary>
    /// Free space inside the heap as of the last collection, all generations (dotnet_gc_last_collection_heap_fragmentation_size_bytes):
    /// what background collections swept but did not compact, counted in <see cref="ManagedHeapBytes"/> and the working set.
    /// </summary>
    public double HeapFragmentationBytes { get; init; } = double.NaN;

    /// <summary>The heap less its free space: the objects the last collection left, live or not yet collected.</summary>
    public double HeapInUseBytes => ManagedHeapBytes - HeapFragmentationBytes;

    /// <summary>Parses the exposition text; a missing metric is NaN.</summary>
    public static MetricsSample Parse(string text, long timestamp)
    {
        double cpu = double.NaN, workingSet = double.NaN, heap = double.NaN, connections = double.NaN, battles = double.NaN;
        double gcPause = double.NaN, allocated = double.NaN, jit = double.NaN, fragmentation = double.NaN;
        double[] collections = [double.NaN, double.NaN, double.NaN];
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }
            var space = line.LastIndexOf(' ');
            if (space < 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var brace = line.IndexOf('{');
            var name = brace >= 0 ? line[..brace] : line[..space];
            switch (name)
            {
                case "dotnet_process_cpu_time_seconds_total":
                    cpu = (double.IsNaN(cpu) ? 0 : cpu) + value; // user + system
                    break;
                case "dotnet_process_memory_working_set_bytes":
                    workingSet = value;
                    break;
                case "dotnet_gc_last_collection_heap_size_bytes":
                    heap = (double.IsNaN(heap) ? 0 : heap) + value; // all generations, LOH and POH, as of the last GC
                    break;
                case "dotnet_gc_last_collection_heap_fragmentation_size_bytes":
                    fragmentation = (double.IsNaN(fragmentation) ? 0 : fragmentation) + value;
                    break;
                case "dotnet_gc_pause_time_seconds_total":
                    gcPause = value;
                    break;
                case "dotnet_gc_heap_total_allocated_bytes_total":
                    allocated = value;
                    break;
                case "dotnet_jit_compilation_time_seconds_total":
                    jit = value;
                    break;
                case "dotnet_gc_collections_total":
                    for (var generation = 0; generation < collections.Length; generation++)
                    {
                        if (line.Contains($"\"gen{generation}\"", StringComparison.Ordinal))
                        {
                            collections[generation] = value;
                        }
                    }
                    break;
                case "spacecombat_connections_current":
                    connections = value;
                    break;
                case "spacecombat_battles_current":
                    battles = value;
                    break;
            }
        }
        return new MetricsSample(timestamp, cpu, workingSet, heap, connections, battles)
        {
            GcPauseSeconds = gcPause,
            GcCollections = collections,
            AllocatedBytes = allocated,
            JitSeconds = jit,
            HeapFragmentationBytes = fragmentation,
        };
    }
}

/// <summary>Scrapes /metrics every couple of seconds; CPU % is the process CPU time delta over wall time, of all cores.</summary>
public sealed class ServerSampler : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _metricsUri;
    private readonly Lock _gate = new();
    private readonly List<MetricsSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ServerSampler(Uri baseUri, TimeSpan interval)
    {
        _metricsUri = new Uri(baseUri, "metrics");
        _loop = Task.Run(() => LoopAsync(interval));
    }

    public MetricsSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count > 0 ? _samples[^1] : null;
            }
        }
    }

    public async Task<MetricsSample?> ScrapeAsync()
    {
        try
        {
            var text = await _http.GetStringAsync(_metricsUri);
            var sample = MetricsSample.Parse(text, Stopwatch.GetTimestamp());
            lock (_gate)
            {
                _samples.Add(sample);
            }
            return sample;
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            // A missed scrape leaves a gap in the server figures; the next interval tries again.
            return null;
        }
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await ScrapeAsync();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Samples taken between two timestamps.</summary>
    public List<MetricsSample> Between(long from, long to)
    {
        lock (_gate)
        {
            return [.. _samples.Where(s => s.Timestamp >= from && s.Timestamp <= to)];
        }
    }

    /// <summary>
    /// CPU % of the whole machine (all cores = 100 %) over windows of at least 4 s (a scrape delayed by a busy server
    /// would otherwise make a short window look like a huge burst).
    /// </summary>
    public static IEnumerable<double> CpuPercents(IReadOnlyList<MetricsSample> samples)
    {
        var from = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            var wall = Stopwatch.GetElapsedTime(samples[from].Timestamp, samples[i].Timestamp).TotalSeconds;
            if (wall < 4)
            {
                continue;
            }
            var cpu = samples[i].CpuSeconds - samples[from].CpuSeconds;
            from = i;
            // A counter that went back belongs to a new server process (--kill-server-at): no figure for that span.
            if (!double.IsNaN(cpu) && cpu >= 0)
            {
                yield return Math.Min(100, 100 * cpu / wall / Environment.ProcessorCount);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (Exception) { }
        _http.Dispose();
        _stop.Dispose();
    }
}
