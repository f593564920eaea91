using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace SpaceCombat.LoadTest.Cost;

/// <summary>The server's managed heap as /metrics reports it: bytes allocated so far, and what the last collection kept.</summary>
internal readonly record struct HeapReading(double AllocatedBytes, double LiveBytes, double Gen2Collections);

/// <summary>
/// Reads a server's heap figures from /metrics, after a full blocking collection of the server process asked for over
/// its diagnostics port (as dotnet-gcdump does), so the heap size is what is still reachable.
/// </summary>
internal sealed class ServerHeap(Uri baseUri, int processId) : IDisposable
{
    // Microsoft-Windows-DotNETRuntime keywords: GC (0x1), GCHeapCollect (0x800000: the runtime collects when enabled).
    private const long CollectKeywords = 0x1 | 0x800000;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _metrics = new(baseUri, "metrics");

    public async Task<HeapReading> ReadAsync()
    {
        var text = await _http.GetStringAsync(_metrics);
        double allocated = double.NaN, size = 0, fragmentation = 0, gen2 = double.NaN;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var space = line.LastIndexOf(' ');
            if (line.Length == 0 || line[0] == '#' || space < 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var brace = line.IndexOf('{');
            switch (brace >= 0 ? line[..brace] : line[..space])
            {
                case "dotnet_gc_heap_total_allocated_bytes_total":
                    allocated = value;
                    break;
                case "dotnet_gc_last_collection_heap_size_bytes":
                    size += value; // every generation, LOH and POH
                    break;
                case "dotnet_gc_last_collection_heap_fragmentation_size_bytes":
                    fragmentation += value;
                    break;
                case "dotnet_gc_collections_total" when line.Contains("\"gen2\"", StringComparison.Ordinal):
                    gen2 = value;
                    break;
            }
        }
        return new HeapReading(allocated, size - fragmentation, gen2);
    }

    /// <summary>Reads the figures after waiting out the exporter's cache of its last scrape (300 ms by default).</summary>
    public async Task<HeapReading> ReadFreshAsync()
    {
        await Task.Delay(1000);
        return await ReadAsync();
    }

    /// <summary>Has the server run a full blocking collection, then returns its figures as of that collection.</summary>
    public async Task<HeapReading> CollectAndReadAsync()
    {
        var before = await ReadAsync();
        var client = new DiagnosticsClient(processId);
        using (var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, CollectKeywords)],
            requestRundown: false, circularBufferMB: 16))
        {
            // The events are not needed, only drained so the session does not stall the runtime.
            var drain = session.EventStream.CopyToAsync(Stream.Null);
            for (var attempt = 0; attempt < 50; attempt++)
            {
                await Task.Delay(200);
                var after = await ReadAsync();
                if (after.Gen2Collections > before.Gen2Collections)
                {
                    await session.StopAsync(CancellationToken.None);
                    await drain;
                    // The exporter caches a scrape briefly: read again once the collection is surely in it.
                    await Task.Delay(1000);
                    return await ReadAsync();
                }
            }
        }
        throw new InvalidOperationException("The server ran no full collection within 10 s of being asked.");
    }

    public void Dispose() => _http.Dispose();
}
