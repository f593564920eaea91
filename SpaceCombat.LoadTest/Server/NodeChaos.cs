using System.Diagnostics;

namespace SpaceCombat.LoadTest.Server;

/// <summary>
/// Takes nodes of the cluster behind the gateway down during a run through its script (./cluster.sh): a node killed
/// with SIGKILL and started again later (--kill-node-at), or every node restarted one at a time (--rolling-restart-at).
/// </summary>
public sealed class NodeChaos(string script, TextWriter log)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Waits <paramref name="at"/>, kills node <paramref name="node"/>, and starts it again <paramref name="downFor"/> later.</summary>
    public async Task KillAndStartAgainAsync(TimeSpan at, int node, TimeSpan downFor, CancellationToken cancellationToken)
    {
        await Task.Delay(at, cancellationToken);
        log.WriteLine($"--kill-node-at: killing node {node} (SIGKILL)");
        Disruptions.Mark();
        await RunAsync(["kill", node.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        await Task.Delay(downFor, cancellationToken);
        var started = Stopwatch.StartNew();
        await RunAsync(["start", node.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        log.WriteLine($"--kill-node-at: node {node} answers again ({started.Elapsed.TotalSeconds:F1} s to start)");
    }

    /// <summary>Waits <paramref name="at"/>, then restarts nodes 1..<paramref name="nodes"/> one after the other.</summary>
    public async Task RollingRestartAsync(TimeSpan at, int nodes, CancellationToken cancellationToken)
    {
        await Task.Delay(at, cancellationToken);
        for (var node = 1; node <= nodes; node++)
        {
            log.WriteLine($"--rolling-restart-at: restarting node {node} of {nodes}");
            Disruptions.Mark();
            var took = Stopwatch.StartNew();
            await RunAsync(["restart", node.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
            log.WriteLine($"--rolling-restart-at: node {node} answers again ({took.Elapsed.TotalSeconds:F1} s)");
        }
    }

    private async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.GetFullPath(script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(script)),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}");
        }
    }
}
