using SpaceCombat.Core.Rules;
using SpaceCombat.Simulator;

namespace SpaceCombat.Simulator.Tests;

public sealed class SimulationOptionsTests
{
    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["--ship", "yacht", "--enemy", "scout"], "Unknown ship 'yacht' for --ship" },
        { ["--ship", "scout", "--enemy", "yacht"], "Unknown ship 'yacht' for --enemy" },
        { ["--ship", "scout", "--enemy", "scout", "--range", "far"], "Unknown range band 'far' for --range" },
        { ["--ship", "scout", "--enemy", "scout", "--range", "3"], "Unknown range band '3'" },
        { ["--ship", "scout", "--enemy", "scout", "--battles", "0"], "--battles must be a whole number of at least 1 (got '0')" },
        { ["--ship", "scout", "--enemy", "scout", "--battles", "-5"], "--battles must be a whole number of at least 1 (got '-5')" },
        { ["--ship", "scout", "--enemy", "scout", "--battles", "ten"], "--battles must be a whole number of at least 1 (got 'ten')" },
        { ["--ship", "scout", "--enemy", "scout", "--battles", "99999999999"], "--battles must be a whole number" },
        { ["--ship", "scout", "--enemy", "scout", "--seed", "x1"], "--seed must be a whole number" },
        { ["--ship", "scout", "--enemy", "scout", "--colour"], "Unknown option '--colour'" },
        { ["--ship", "scout", "--enemy", "scout", "-x"], "Unknown option '-x'" },
        { ["--ship", "scout", "--enemy", "scout", "extra"], "Unexpected argument 'extra'" },
        { ["--ship"], "Option --ship needs a value" },
        { ["--ship", "--enemy", "scout"], "Option --ship needs a value" },
        { ["--ship", "scout", "--enemy", "scout", "--battles"], "Option --battles needs a value" },
        { ["--ship", "scout", "--enemy", "scout", "--events"], "Option --events needs a value" },
        { ["--ship", "scout", "--enemy", "scout", "--seed="], "Option --seed needs a value" },
        { ["--enemy", "scout"], "Missing --ship" },
        { ["--ship", "scout"], "Missing --enemy" },
        { [], "Missing --ship" },
        { ["--matrix", "--ship", "scout"], "--matrix plays every ship against every ship" },
        { ["--ship", "scout", "--ship", "seeker", "--enemy", "scout"], "Option --ship is given more than once" },
        { ["--matrix", "--matrix"], "Option --matrix is given more than once" },
        { ["--matrix=yes"], "Option --matrix takes no value" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_are_refused_with_a_message_naming_the_problem(string[] args, string expected)
    {
        var options = SimulationOptions.Parse(args, out var error);

        Assert.Null(options);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_exit_with_code_2_and_print_the_error_to_stderr_only(string[] args, string expected)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = SimulatorApp.Run(args, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Equal(SimulatorApp.InvalidArguments, code);
        Assert.Contains("error: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void Defaults_are_medium_and_1000_battles_with_a_random_seed()
    {
        var options = SimulationOptions.Parse(["--ship", "scout", "--enemy", "free_trader"], out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal("scout", options.Ship);
        Assert.Equal("free_trader", options.Enemy);
        Assert.Equal(RangeBand.Medium, options.StartBand);
        Assert.False(options.AllBands);
        Assert.Equal(1000, options.Battles);
        Assert.Null(options.Seed);
        Assert.Null(options.EventsPath);
        Assert.False(options.Matrix);
    }

    [Fact]
    public void All_options_are_read_in_both_spellings()
    {
        var options = SimulationOptions.Parse(
            ["--ship=Scout", "--enemy", "FREE_TRADER", "--range", "very long", "--battles=12", "--seed", "-7", "--events", "out.jsonl"], out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal("scout", options.Ship);
        Assert.Equal("free_trader", options.Enemy);
        Assert.Equal(RangeBand.VeryLong, options.StartBand);
        Assert.Equal(12, options.Battles);
        Assert.Equal(-7, options.Seed);
        Assert.Equal("out.jsonl", options.EventsPath);
    }

    [Fact]
    public void Range_all_cycles_the_start_band_through_the_seven_bands()
    {
        var options = SimulationOptions.Parse(["--matrix", "--range", "all"], out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.True(options.Matrix);
        Assert.True(options.AllBands);
        var bands = Enumerable.Range(1, 15).Select(options.BandFor).ToArray();
        Assert.Equal(RangeTable.Bands, bands[..7]);
        Assert.Equal(RangeTable.Bands, bands[7..14]);
        Assert.Equal(RangeBand.Adjacent, bands[14]);
    }

    [Fact]
    public void Help_prints_the_usage_and_exits_0()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = SimulatorApp.Run(["--help"], stdout, stderr);

        Assert.Equal(0, code);
        Assert.Contains("--battles N", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("mercenary_cruiser", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void An_events_file_that_cannot_be_created_is_an_error()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing-dir", "events.jsonl");

        var code = SimulatorApp.Run(["--ship", "scout", "--enemy", "scout", "--battles", "1", "--seed", "1", "--events", path], stdout, stderr);

        Assert.NotEqual(0, code);
        Assert.Contains("cannot write the events file", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }
}
