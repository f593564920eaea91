using SpaceCombat.Simulator;

namespace SpaceCombat.Simulator.Tests;

public sealed class SimulatorDeterminismTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spacecombat-sim-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int Code, string Stdout, string Stderr, byte[] Events) Run(string[] args, int parallelism, string eventsName)
    {
        var path = Path.Combine(_directory, eventsName);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SimulatorApp.Run([.. args, "--events", path], stdout, stderr, runner: new SimulationRunner(parallelism));
        return (code, stdout.ToString(), stderr.ToString(), File.ReadAllBytes(path));
    }

    [Fact]
    public void The_same_seed_gives_a_byte_identical_table_and_events_file()
    {
        string[] args = ["--ship", "scout", "--enemy", "free_trader", "--battles", "25", "--seed", "42"];

        var first = Run(args, 1, "a.jsonl");
        var second = Run(args, 2, "b.jsonl");

        Assert.Equal(0, first.Code);
        Assert.Equal("", first.Stderr);
        Assert.Contains("Seed: 42", first.Stdout, StringComparison.Ordinal);
        Assert.NotEmpty(first.Events);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(first.Events, second.Events);
    }

    [Fact]
    public void A_different_seed_gives_different_battles()
    {
        var first = Run(["--ship", "scout", "--enemy", "free_trader", "--battles", "10", "--seed", "1"], 1, "a.jsonl");
        var second = Run(["--ship", "scout", "--enemy", "free_trader", "--battles", "10", "--seed", "2"], 1, "b.jsonl");

        Assert.NotEqual(first.Events, second.Events);
    }

    [Fact]
    public void The_matrix_table_does_not_depend_on_parallelism()
    {
        string[] args = ["--matrix", "--battles", "3", "--seed", "7", "--range", "all"];
        var serial = new StringWriter();
        var parallel = new StringWriter();

        Assert.Equal(0, SimulatorApp.Run(args, serial, TextWriter.Null, runner: new SimulationRunner(1)));
        Assert.Equal(0, SimulatorApp.Run(args, parallel, TextWriter.Null, runner: new SimulationRunner(4)));

        Assert.Equal(serial.ToString(), parallel.ToString());
        Assert.Contains("Win-rate matrix: 7x7 pairings, 3 battles each (147 in all)", serial.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_seed_a_random_one_is_used_and_printed()
    {
        var stdout = new StringWriter();

        var code = SimulatorApp.Run(["--ship", "seeker", "--enemy", "seeker", "--battles", "2"], stdout, TextWriter.Null);

        Assert.Equal(0, code);
        var match = System.Text.RegularExpressions.Regex.Match(stdout.ToString(), @"Seed: (-?\d+) \(random; pass --seed \1 to repeat\)");
        Assert.True(match.Success, stdout.ToString());
    }
}
