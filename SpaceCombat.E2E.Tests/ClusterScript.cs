using System.Diagnostics;
using System.Text;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// <c>./cluster.sh</c> run from a test, bounded in time, its state in a folder of its own (TestResults/cluster, so the
/// published output is reused between runs and a developer's own cluster is left alone).
/// </summary>
public sealed class ClusterScript
{
    private readonly Dictionary<string, string> _environment;

    public ClusterScript(IReadOnlyDictionary<string, string> nodeSettings)
    {
        _environment = new Dictionary<string, string>(nodeSettings, StringComparer.Ordinal)
        {
            ["SPACECOMBAT_CLUSTER_DIR"] = StateFolder,
        };
    }

    public static string Root => BrowserFixture.RepositoryRoot();

    public static string StateFolder => Path.Combine(Root, "TestResults", "cluster");

    public StringBuilder Log { get; } = new();

    /// <summary>Starts Redis, <paramref name="nodes"/> nodes and the gateway; returns the gateway's URL.</summary>
    public async Task<Uri> UpAsync(int nodes)
    {
        var output = await RunAsync(TimeSpan.FromMinutes(6), "up", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        const string prefix = "gateway: ";
        Assert.True(last.StartsWith(prefix, StringComparison.Ordinal), $"cluster.sh up printed no gateway line last.\n{Log}");
        return new Uri(last[prefix.Length..]);
    }

    public Task KillAsync(int node) => RunAsync(TimeSpan.FromSeconds(30), "kill", node.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<string> StatusAsync() => RunAsync(TimeSpan.FromSeconds(30), "status");

    public Task DownAsync() => RunAsync(TimeSpan.FromMinutes(2), "down");

    private async Task<string> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "cluster.sh"))
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run cluster.sh.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {string.Join(' ', arguments)} took longer than {timeout}.\n{Log}");
        }
        var output = await stdout;
        Log.AppendLine($"$ cluster.sh {string.Join(' ', arguments)} (exit {process.ExitCode})").Append(output).Append(await stderr);
        Assert.True(process.ExitCode == 0, $"cluster.sh {string.Join(' ', arguments)} failed with code {process.ExitCode}.\n{Log}");
        return output;
    }
}
