using System.Diagnostics;
using SpaceCombat.LoadTest.Server;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>--kill-node-at and --rolling-restart-at: their options' checks, and the cluster script calls they make.</summary>
[Collection(DisruptionsCollection.Name)]
public sealed class NodeChaosTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("node-chaos-").FullName;

    private string Script(int exitCode = 0)
    {
        var path = Path.Combine(_folder, "cluster.sh");
        File.WriteAllText(path, $"#!/bin/bash\necho \"$@\" >> \"{_folder}/calls\"\necho problem >&2\nexit {exitCode}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private string[] Calls() => File.Exists(Path.Combine(_folder, "calls")) ? File.ReadAllLines(Path.Combine(_folder, "calls")) : [];

    [Fact]
    public void Kill_node_at_reads_the_node_and_how_long_it_stays_down()
    {
        var options = LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--cluster", Script(), "--kill-node-at", "40", "--kill-node", "2", "--restart-node-after", "25"]);

        Assert.Equal(TimeSpan.FromSeconds(40), options.KillNodeAt);
        Assert.Equal(2, options.KillNode);
        Assert.Equal(TimeSpan.FromSeconds(25), options.RestartNodeAfter);
        Assert.True(options.PlayersRejoin);
        Assert.False(LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000"]).PlayersRejoin);
    }

    [Fact]
    public void Node_disruptions_need_the_cluster_script_a_gateway_and_circuit_clients()
    {
        var script = Script();
        Assert.Contains("--cluster", Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--kill-node-at", "30"])).Message, StringComparison.Ordinal);
        Assert.Contains("--url", Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--start-server", "--cluster", script, "--rolling-restart-at", "30"])).Message, StringComparison.Ordinal);
        Assert.Contains("circuit", Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--clients", "browser", "--cluster", script, "--kill-node-at", "30"])).Message, StringComparison.Ordinal);
        Assert.Contains("no script", Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--cluster", Path.Combine(_folder, "missing.sh"), "--kill-node-at", "30"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--cluster", script, "--kill-node-at", "0"]));
    }

    [Fact]
    public async Task A_node_is_killed_then_started_again_and_the_kill_is_the_disruption_players_recover_from()
    {
        Disruptions.Clear();
        var before = Stopwatch.GetTimestamp();

        await new NodeChaos(Script(), TextWriter.Null).KillAndStartAgainAsync(TimeSpan.Zero, 2, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(["kill 2", "start 2"], Calls());
        Assert.True(Disruptions.LatestBefore(Stopwatch.GetTimestamp()) >= before);
        Assert.Null(Disruptions.LatestBefore(before - 1));
    }

    [Fact]
    public async Task A_rolling_restart_restarts_every_node_in_turn()
    {
        Disruptions.Clear();

        await new NodeChaos(Script(), TextWriter.Null).RollingRestartAsync(TimeSpan.Zero, 3, CancellationToken.None);

        Assert.Equal(["restart 1", "restart 2", "restart 3"], Calls());
    }

    [Fact]
    public async Task A_failing_script_stops_the_disruption_with_its_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new NodeChaos(Script(exitCode: 3), TextWriter.Null).RollingRestartAsync(TimeSpan.Zero, 3, CancellationToken.None));

        Assert.Contains("problem", error.Message, StringComparison.Ordinal);
        Assert.Equal(["restart 1"], Calls());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DisruptionsCollection
{
    public const string Name = "Disruptions (process-wide)";
}
