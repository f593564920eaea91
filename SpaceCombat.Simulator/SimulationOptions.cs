using System.Globalization;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Simulator;

/// <summary>
/// What one simulator run does. <see cref="Parse"/> reads the command line and names the first problem;
/// a parsed value is always valid (known ships, positive counts).
/// </summary>
public sealed record SimulationOptions
{
    public const int DefaultBattles = 1000;
    public const RangeBand DefaultBand = RangeBand.Medium;

    /// <summary>Side One's ship id (null with <see cref="Matrix"/>).</summary>
    public string? Ship { get; init; }

    /// <summary>Side Two's ship id (null with <see cref="Matrix"/>).</summary>
    public string? Enemy { get; init; }

    /// <summary>The starting band; ignored when <see cref="AllBands"/>.</summary>
    public RangeBand StartBand { get; init; } = DefaultBand;

    /// <summary><c>--range all</c>: battle n of a pairing starts at band (n − 1) mod 7, nearest first.</summary>
    public bool AllBands { get; init; }

    /// <summary>Battles per pairing (per cell of the matrix).</summary>
    public int Battles { get; init; } = DefaultBattles;

    /// <summary>The run's seed; null means pick a random one (and print it).</summary>
    public int? Seed { get; init; }

    /// <summary>Where to write every event as JSON Lines, if anywhere.</summary>
    public string? EventsPath { get; init; }

    /// <summary>Every ship against every ship (mirrors included).</summary>
    public bool Matrix { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>The band battle <paramref name="battleNumber"/> (1-based, within its pairing) starts at.</summary>
    public RangeBand BandFor(int battleNumber) =>
        AllBands ? RangeTable.Bands[(battleNumber - 1) % RangeTable.Bands.Count] : StartBand;

    public string RangeDescription => AllBands ? "all bands in turn (Adjacent to Distant)" : StartBand.DisplayName();

    public static string Usage { get; } =
        """
        SpaceCombat simulator: AI-vs-AI battles with the game's rules engine.

        Usage:
          SpaceCombat.Simulator --ship SHIP --enemy SHIP [options]
          SpaceCombat.Simulator --matrix [options]

        Options:
          --ship SHIP       Side One's ship.
          --enemy SHIP      Side Two's ship.
          --matrix          Every ship against every ship (7x7, mirrors included) instead of --ship/--enemy.
          --range BAND      Starting band: Adjacent, Close, Short, Medium, Long, VeryLong, Distant,
                            or 'all' to cycle through the seven bands battle by battle. Default: Medium.
          --battles N       Battles per pairing (N >= 1). Default: 1000.
          --seed N          Seed (whole number). Same seed, same output. Default: random (printed).
          --events FILE     Write every event of every battle to FILE as JSON Lines.
          -h, --help        Show this help.

        Ships:
        """ + "\n  " + string.Join("\n  ", ShipRoster.All.Select(s => $"{s.Id,-18} {s.Name}")) + "\n";

    private static readonly string[] ValueOptions = ["--ship", "--enemy", "--range", "--battles", "--seed", "--events"];
    private static readonly string[] FlagOptions = ["--matrix", "--help", "-h"];

    /// <summary>Reads the arguments. Returns the options, or null and the first problem in <paramref name="error"/>.</summary>
    public static SimulationOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
            }

            if (FlagOptions.Contains(name))
            {
                if (inlineValue is not null)
                {
                    error = $"Option {name} takes no value (got '{arg}').";
                    return null;
                }
                var canonical = name == "-h" ? "--help" : name;
                if (!flags.Add(canonical))
                {
                    error = $"Option {canonical} is given more than once.";
                    return null;
                }
                continue;
            }
            if (!ValueOptions.Contains(name))
            {
                error = name.StartsWith('-')
                    ? $"Unknown option '{name}'. Run with --help to see the options."
                    : $"Unexpected argument '{arg}'. Options start with '--'; run with --help to see them.";
                return null;
            }

            string value;
            if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count && !IsOptionName(args[i + 1]))
            {
                value = args[++i];
            }
            else
            {
                error = $"Option {name} needs a value.";
                return null;
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                error = $"Option {name} needs a value.";
                return null;
            }
            if (!values.TryAdd(name, value))
            {
                error = $"Option {name} is given more than once.";
                return null;
            }
        }

        if (flags.Contains("--help"))
        {
            error = null;
            return new SimulationOptions { ShowHelp = true };
        }

        var options = new SimulationOptions { Matrix = flags.Contains("--matrix") };
        values.TryGetValue("--ship", out var ship);
        values.TryGetValue("--enemy", out var enemy);
        if (options.Matrix)
        {
            if (ship is not null || enemy is not null)
            {
                error = "--matrix plays every ship against every ship: leave out --ship and --enemy.";
                return null;
            }
        }
        else
        {
            if (ship is null)
            {
                error = "Missing --ship (Side One's ship), or use --matrix.";
                return null;
            }
            if (enemy is null)
            {
                error = "Missing --enemy (Side Two's ship), or use --matrix.";
                return null;
            }
            if (ResolveShip("--ship", ship, out error) is not { } shipId || ResolveShip("--enemy", enemy, out error) is not { } enemyId)
            {
                return null;
            }
            options = options with { Ship = shipId, Enemy = enemyId };
        }

        if (values.TryGetValue("--range", out var range))
        {
            if (string.Equals(range.Trim(), "all", StringComparison.OrdinalIgnoreCase))
            {
                options = options with { AllBands = true };
            }
            else if (RangeTable.TryParse(range, out var band))
            {
                options = options with { StartBand = band };
            }
            else
            {
                error = $"Unknown range band '{range}' for --range. Use one of {string.Join(", ", RangeTable.Bands)}, or 'all'.";
                return null;
            }
        }

        if (values.TryGetValue("--battles", out var battlesText))
        {
            if (!int.TryParse(battlesText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var battles) || battles < 1)
            {
                error = $"--battles must be a whole number of at least 1 (got '{battlesText}').";
                return null;
            }
            options = options with { Battles = battles };
        }

        if (values.TryGetValue("--seed", out var seedText))
        {
            if (!int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            {
                error = $"--seed must be a whole number from {int.MinValue} to {int.MaxValue} (got '{seedText}').";
                return null;
            }
            options = options with { Seed = seed };
        }

        if (values.TryGetValue("--events", out var events))
        {
            options = options with { EventsPath = events };
        }

        error = null;
        return options;
    }

    /// <summary>A value that looks like an option name (so "--ship --enemy x" reports the missing value). Negative numbers are values.</summary>
    private static bool IsOptionName(string arg) =>
        arg.StartsWith('-') && !(arg.Length > 1 && char.IsAsciiDigit(arg[1]));

    private static string? ResolveShip(string option, string id, out string? error)
    {
        if (ShipRoster.TryGet(id, out var ship))
        {
            error = null;
            return ship.Id;
        }
        error = $"Unknown ship '{id}' for {option}. Known ships: {string.Join(", ", ShipRoster.All.Select(s => s.Id))}.";
        return null;
    }
}
