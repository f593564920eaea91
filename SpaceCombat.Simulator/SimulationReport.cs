using System.Globalization;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Ships;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SpaceCombat.Simulator;

/// <summary>
/// Renders a run's results as plain text tables (no colour, no terminal codes, fixed width), so the same results
/// always give the same bytes.
/// </summary>
public static class SimulationReport
{
    private const int Width = 200;

    public static string Render(SimulationResult result, bool seedWasRandom = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = Width;
        console.Profile.Capabilities.Unicode = false;

        var options = result.Options;
        var seedNote = seedWasRandom ? $"{result.Seed} (random; pass --seed {result.Seed} to repeat)" : result.Seed.ToString(CultureInfo.InvariantCulture);
        if (options.Matrix)
        {
            RenderMatrix(console, result, seedNote);
        }
        else
        {
            RenderPairing(console, result, seedNote);
        }
        return writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static void RenderPairing(IAnsiConsole console, SimulationResult result, string seedNote)
    {
        var options = result.Options;
        var pairing = result.Pairings[0];
        var stats = PairingStats.From(pairing.Pairing, pairing.Battles);
        var one = pairing.Pairing.ShipOne;
        var two = pairing.Pairing.ShipTwo;

        console.WriteLine($"Simulation: {one} (side One) vs {two} (side Two)");
        console.WriteLine($"Battles: {stats.Battles}   Start band: {options.RangeDescription}   Seed: {seedNote}");
        console.WriteLine();

        var sides = new Table { Border = TableBorder.Ascii };
        sides.AddColumn(new TableColumn(Plain("")));
        sides.AddColumn(new TableColumn(Plain($"{one} (One)")).RightAligned());
        sides.AddColumn(new TableColumn(Plain($"{two} (Two)")).RightAligned());
        sides.AddRow(Plain("Wins"), Plain(Count(stats.WinsOne, stats.Battles)), Plain(Count(stats.WinsTwo, stats.Battles)));
        sides.AddRow(Plain("Mean hull left, all battles"), Plain(Hull(stats.MeanHullOne, one)), Plain(Hull(stats.MeanHullTwo, two)));
        sides.AddRow(Plain("Mean hull left, battles it won"), Plain(Hull(stats.MeanHullOneWhenWinning, one)), Plain(Hull(stats.MeanHullTwoWhenWinning, two)));
        console.Write(sides);
        console.WriteLine();

        var battles = new Table { Border = TableBorder.Ascii };
        battles.AddColumn(new TableColumn(Plain("Battles")));
        battles.AddColumn(new TableColumn(Plain("")).RightAligned());
        battles.AddRow(Plain("Draws"), Plain(Count(stats.Draws, stats.Battles, "0.00")));
        battles.AddRow(Plain("Rounds, mean"), Plain(Number(stats.MeanRounds)));
        battles.AddRow(Plain("Rounds, p95"), Plain(stats.P95Rounds.ToString(CultureInfo.InvariantCulture)));
        foreach (var (reason, count) in stats.Reasons)
        {
            battles.AddRow(Plain($"Ended: {Describe(reason)}"), Plain(Count(count, stats.Battles)));
        }
        console.Write(battles);
        console.WriteLine("Hull left is averaged over all battles (a destroyed ship counts 0) and over the battles that side won.");
    }

    private static void RenderMatrix(IAnsiConsole console, SimulationResult result, string seedNote)
    {
        var options = result.Options;
        var ships = ShipRoster.All.Select(s => s.Id).ToArray();
        var stats = result.Pairings.ToDictionary(p => p.Pairing, p => PairingStats.From(p.Pairing, p.Battles));
        var all = result.Pairings.SelectMany(p => p.Battles).ToArray();
        var overall = PairingStats.From(new Pairing("*", "*"), all);

        console.WriteLine($"Win-rate matrix: {ships.Length}x{ships.Length} pairings, {options.Battles} battles each ({all.Length} in all)");
        console.WriteLine($"Start band: {options.RangeDescription}   Seed: {seedNote}");
        console.WriteLine();

        console.WriteLine("Row ship's win % against the column ship (row ship is side One):");
        console.Write(MatrixTable(ships, (row, column) => Percent(stats[new Pairing(row, column)].WinRate(Side.One))));
        console.WriteLine();
        console.WriteLine("Draw % of each pairing:");
        console.Write(MatrixTable(ships, (row, column) => Percent(stats[new Pairing(row, column)].DrawRate)));
        console.WriteLine();

        var summary = new Table { Border = TableBorder.Ascii };
        summary.AddColumn(new TableColumn(Plain("All battles")));
        summary.AddColumn(new TableColumn(Plain("")).RightAligned());
        summary.AddRow(Plain("Battles"), Plain(overall.Battles.ToString(CultureInfo.InvariantCulture)));
        summary.AddRow(Plain("Won by side One"), Plain(Count(overall.WinsOne, overall.Battles)));
        summary.AddRow(Plain("Won by side Two"), Plain(Count(overall.WinsTwo, overall.Battles)));
        summary.AddRow(Plain("Draws"), Plain(Count(overall.Draws, overall.Battles, "0.00")));
        summary.AddRow(Plain("Rounds, mean"), Plain(Number(overall.MeanRounds)));
        summary.AddRow(Plain("Rounds, p95"), Plain(overall.P95Rounds.ToString(CultureInfo.InvariantCulture)));
        foreach (var (reason, count) in overall.Reasons)
        {
            summary.AddRow(Plain($"Ended: {Describe(reason)}"), Plain(Count(count, overall.Battles)));
        }
        console.Write(summary);
    }

    private static Table MatrixTable(IReadOnlyList<string> ships, Func<string, string, string> cell)
    {
        var table = new Table { Border = TableBorder.Ascii };
        table.AddColumn(new TableColumn(Plain("row \\ column")));
        foreach (var ship in ships)
        {
            table.AddColumn(new TableColumn(Plain(ship)).RightAligned());
        }
        foreach (var row in ships)
        {
            var cells = new List<IRenderable> { Plain(row) };
            cells.AddRange(ships.Select(column => Plain(cell(row, column))));
            table.AddRow(cells);
        }
        return table;
    }

    private static Text Plain(string text) => new(text);

    private static string Count(int count, int of, string format = "0.0") =>
        $"{count.ToString(CultureInfo.InvariantCulture)} ({Percent(of == 0 ? 0 : (double)count / of, format)})";

    /// <summary>A rate as the report prints it: 0.612 → "61.2%".</summary>
    public static string Percent(double rate, string format = "0.0") => (rate * 100).ToString(format, CultureInfo.InvariantCulture) + "%";

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Hull(double? mean, string shipId) =>
        mean is { } value ? $"{Number(value)} / {ShipRoster.Get(shipId).Hull.ToString(CultureInfo.InvariantCulture)}" : "-";

    private static string Describe(BattleEndReason reason) => reason switch
    {
        BattleEndReason.Destroyed => "a ship destroyed",
        BattleEndReason.Surrendered => "surrender",
        BattleEndReason.Forfeited => "forfeit",
        BattleEndReason.RoundLimit => "round limit (draw)",
        BattleEndReason.NoWayToDamage => "no way to damage (draw)",
        BattleEndReason.Abandoned => "abandoned (draw)",
        _ => reason.ToString(),
    };
}
