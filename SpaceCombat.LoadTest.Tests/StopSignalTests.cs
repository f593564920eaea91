using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>The load tool stopped from outside (SIGTERM: kill, a CI job's time limit) cleans up as it does after Ctrl+C.</summary>
public sealed partial class StopSignalTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_run_stopped_by_SIGTERM_stops_the_server_it_started_and_deletes_the_runs_data_folder()
    {
        var temp = Directory.CreateTempSubdirectory("spacecombat-stop-signal-");
        var tool = Path.Combine(AppContext.BaseDirectory, "SpaceCombat.LoadTest.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { tool, "--start-server", "--battles", "2", "--ramp", "1", "--timeout", "300", "--no-progress", "--output", Path.Combine(temp.FullName, "reports") })
        {
            start.ArgumentList.Add(argument);
        }
        // The run's data folder is made under the temporary folder: this test's own, so what is left there is this run's.
        start.Environment["TMPDIR"] = temp.FullName;
        using var run = Process.Start(start)!;
        var serverStarted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        run.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }
            output.Enqueue(line);
            if (StartedPid().Match(line) is { Success: true } match)
            {
                serverStarted.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        run.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        var serverPid = 0;
        try
        {
            serverPid = await serverStarted.Task.WaitAsync(StartTimeout);
            Assert.NotEmpty(RunDataFolders(temp));

            using (var kill = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await run.WaitForExitAsync().WaitAsync(StopTimeout);

            Assert.False(IsRunning(serverPid), $"The server (pid {serverPid}) still runs.\n{string.Join('\n', output)}");
            Assert.Empty(RunDataFolders(temp));
        }
        finally
        {
            // Only what this test started, by its PID.
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }
            if (serverPid != 0 && IsRunning(serverPid))
            {
                using var server = Process.GetProcessById(serverPid);
                server.Kill();
            }
            temp.Delete(recursive: true);
        }
    }

    private static string[] RunDataFolders(DirectoryInfo temp) => Directory.GetDirectories(temp.FullName, "spacecombat-loadtest-run-*");

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\(started, pid (\d+)\)")]
    private static partial Regex StartedPid();
}
