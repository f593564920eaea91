using System.Globalization;
using MudBlazor;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Components.Admin;

/// <summary>One dashboard chart: its title, unit and series (MudBlazor 9 <see cref="ChartSeries{T}"/>).</summary>
public sealed record AdminChart(string Key, string Title, string Unit, List<ChartSeries<double>> Series);

/// <summary>Turns the sampler's ring buffer into the dashboard's chart series and x-axis labels.</summary>
public static class AdminCharts
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>An x-axis label every this many samples (one per minute at 2 s), the others blank.</summary>
    public const int LabelEvery = 30;

    public static IReadOnlyList<AdminChart> Build(IReadOnlyList<MetricsSample> samples) =>
    [
        new("circuits", "Circuits and battles", "count",
        [
            Series("Circuits", samples, s => s.Connections),
            Series("Battles", samples, s => s.Battles),
        ]),
        new("actions", "Actions per second", "/s",
        [
            Series("Actions/s", samples, s => s.ActionsPerSecond),
            Series("Rate-limited/s", samples, s => s.RateLimitedPerSecond),
        ]),
        new("latency", "Command latency", "ms",
        [
            Series("p50", samples, s => s.LatencyP50Ms),
            Series("p95", samples, s => s.LatencyP95Ms),
        ]),
        new("memory", "Memory", "MB",
        [
            Series("Working set", samples, s => s.WorkingSetBytes / Megabyte),
            Series("Managed heap", samples, s => s.ManagedBytes / Megabyte),
        ]),
        new("threadpool", "Thread-pool queue length", "items",
        [
            Series("Queued work items", samples, s => s.ThreadPoolQueueLength),
        ]),
    ];

    /// <summary>Time labels (UTC, HH:mm:ss) for the first sample and every <see cref="LabelEvery"/>-th after it; blank otherwise.</summary>
    public static string[] Labels(IReadOnlyList<MetricsSample> samples)
    {
        var labels = new string[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            labels[i] = i % LabelEvery == 0 ? samples[i].At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "";
        }
        return labels;
    }

    private static ChartSeries<double> Series(string name, IReadOnlyList<MetricsSample> samples, Func<MetricsSample, double> value) => new()
    {
        Name = name,
        Data = new ChartData<double>(samples.Select(s => Math.Round(value(s), 2)).ToArray()),
    };
}
