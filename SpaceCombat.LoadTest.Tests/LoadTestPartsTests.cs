using SpaceCombat.LoadTest;
using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Server;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>Pieces of the load test that its report depends on: reading the server's /metrics, matching classes, latency windows.</summary>
public sealed class LoadTestPartsTests
{
    private const string Exposition = """
        # TYPE dotnet_gc_collections_total counter
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 3
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 5
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 41
        dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name="System.Runtime"} 13665888
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} 0.25
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 1000
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 3000
        dotnet_gc_last_collection_heap_fragmentation_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 100
        dotnet_gc_last_collection_heap_fragmentation_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 1200
        dotnet_process_memory_working_set_bytes{otel_scope_name="System.Runtime"} 123456789
        dotnet_jit_compilation_time_seconds_total{otel_scope_name="System.Runtime"} 8.5
        dotnet_jit_compiled_methods_total{otel_scope_name="System.Runtime"} 27646
        spacecombat_connections_current{otel_scope_name="SpaceCombat"} 17
        """;

    [Fact]
    public void Metrics_sample_reads_garbage_collection_figures_by_generation()
    {
        var sample = MetricsSample.Parse(Exposition, timestamp: 42);

        Assert.Equal(0.25, sample.GcPauseSeconds);
        Assert.Equal([41d, 5d, 3d], sample.GcCollections);
        Assert.Equal(13665888d, sample.AllocatedBytes);
        Assert.Equal(4000d, sample.ManagedHeapBytes);
        Assert.Equal(1300d, sample.HeapFragmentationBytes);
        Assert.Equal(2700d, sample.HeapInUseBytes);
        Assert.Equal(123456789d, sample.WorkingSetBytes);
        Assert.Equal(8.5, sample.JitSeconds);
        Assert.Equal(17d, sample.Connections);
    }

    [Fact]
    public void Metrics_sample_marks_missing_figures_as_not_a_number()
    {
        var sample = MetricsSample.Parse("spacecombat_connections_current 2", timestamp: 1);

        Assert.True(double.IsNaN(sample.GcPauseSeconds));
        Assert.True(double.IsNaN(sample.JitSeconds));
        Assert.True(double.IsNaN(sample.HeapFragmentationBytes));
        Assert.True(double.IsNaN(sample.HeapInUseBytes));
        Assert.All(sample.GcCollections, value => Assert.True(double.IsNaN(value)));
        Assert.Equal(2d, sample.Connections);
    }

    [Theory]
    [InlineData("sc-hud", "sc-hud", true)]
    [InlineData("mud-paper sc-hud pa-3", "sc-hud", true)]
    [InlineData("sc-hud-status", "sc-hud", false)]
    [InlineData("x-sc-hud", "sc-hud", false)]
    [InlineData("", "sc-hud", false)]
    public void Class_lists_match_whole_class_names_only(string classes, string cssClass, bool expected) =>
        Assert.Equal(expected, DomQueries.HasClass(classes, cssClass));

    [Theory]
    [InlineData("End Turn", true)]
    [InlineData("End", false)]
    [InlineData("End Turn now", false)]
    [InlineData("EndTurn", false)]
    [InlineData("End  Turn", false)]
    public void Button_text_is_compared_with_whitespace_collapsed_across_text_and_markup(string name, bool expected)
    {
        // <button>  <svg/>  End\n   <b>Turn</b>  </button>: text and markup children, tags and runs of whitespace.
        var button = new Node(NodeKind.Element) { Name = "button" };
        button.Children.Add(new Node(NodeKind.Text) { Text = "  " });
        button.Children.Add(new Node(NodeKind.Markup) { Text = "<svg viewBox=\"0 0 24 24\"><path d=\"M1 1\"/></svg>" });
        button.Children.Add(new Node(NodeKind.Text) { Text = "  End\n   " });
        var bold = new Node(NodeKind.Element) { Name = "b" };
        bold.Children.Add(new Node(NodeKind.Text) { Text = "Turn" });
        button.Children.Add(bold);
        button.Children.Add(new Node(NodeKind.Text) { Text = "  " });

        Assert.Equal("End Turn", DomQueries.Normalize(button.TextContent()));
        Assert.Equal(expected, button.NormalizedTextEquals(name));
    }

    [Fact]
    public void Latency_windows_count_only_measured_clicks_with_their_percentiles()
    {
        var stats = new LevelStats(battles: 1);
        foreach (var ms in Enumerable.Range(1, 100))
        {
            stats.Action(ms, "Fire");
        }
        stats.Action(latencyMs: null); // a click whose effect was not seen is counted as an action, not a latency

        var window = Assert.Single(stats.LatencyWindows(windowSeconds: 3600));

        Assert.Equal(0, window.FromSeconds);
        Assert.Equal(100, window.Count);
        Assert.Equal(LevelStats.Percentile([.. Enumerable.Range(1, 100).Select(v => (double)v)], 95), window.P95);
        Assert.Equal(100, window.Max);
        Assert.Equal(101, stats.Actions);
    }

    [Theory]
    [InlineData(1, 64L << 20)]
    [InlineData(100, 64L << 20)]
    [InlineData(1000, 1000L * 512 * 1024)]
    [InlineData(3000, 3000L * 512 * 1024)]
    [InlineData(100_000, 4L << 30)]
    public void Generator_no_gc_region_is_sized_to_the_level_within_the_runtime_bounds(int battles, long expectedBytes) =>
        Assert.Equal(expectedBytes, GeneratorGc.BudgetFor(battles));

    [Fact]
    public void Started_server_runs_on_the_shipped_runtime_settings_and_server_env_adds_to_them()
    {
        var environment = ServerProcess.ServerEnvironment([]);

        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("DOTNET_", StringComparison.Ordinal));
        var overridden = ServerProcess.ServerEnvironment(["SpaceCombat__TurnTimer=00:10:00"]);
        Assert.Equal("00:10:00", overridden["SpaceCombat__TurnTimer"]);
        Assert.Throws<ArgumentException>(() => ServerProcess.ServerEnvironment(["no-equals-sign"]));
    }
}
