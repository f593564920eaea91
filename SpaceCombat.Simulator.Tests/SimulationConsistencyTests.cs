using System.Text;
using System.Text.Json;
using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Dice;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;
using SpaceCombat.Simulator;

namespace SpaceCombat.Simulator.Tests;

public sealed class SimulationConsistencyTests
{
    private static SimulationOptions Options(params string[] args) =>
        SimulationOptions.Parse(args, out var error) ?? throw new InvalidOperationException(error);

    [Fact]
    public void Each_result_is_the_battle_its_derived_seed_plays()
    {
        var options = Options("--ship", "seeker", "--enemy", "far_trader", "--battles", "14", "--range", "all");

        var result = new SimulationRunner(2).Run(options, seed: 5);

        var battles = result.Pairings.Single().Battles;
        Assert.Equal(Enumerable.Range(1, 14), battles.Select(b => b.Number));
        foreach (var b in battles)
        {
            Assert.Equal(RangeTable.Bands[(b.NumberInPairing - 1) % 7], b.StartBand);
            Assert.Equal(BattleSeeds.For(5, 3, 2, b.NumberInPairing), b.Seed);
            var replay = AiDuel.Play(new BattleSetup("seeker", "far_trader", b.StartBand), new SeededDice(b.Seed));
            Assert.Equal(replay.Outcome!.Winner, b.Winner);
            Assert.Equal(replay.Outcome.Reason, b.Reason);
            Assert.Equal(replay.Outcome.Rounds, b.Rounds);
            Assert.Equal(replay.Snapshot.One.Hull, b.HullOne);
            Assert.Equal(replay.Snapshot.Two.Hull, b.HullTwo);
        }
    }

    [Fact]
    public void The_table_shows_the_figures_of_the_battles_run()
    {
        var options = Options("--ship", "scout", "--enemy", "free_trader", "--battles", "40");
        var result = new SimulationRunner(2).Run(options, seed: 3);
        var battles = result.Pairings.Single().Battles;

        var stats = PairingStats.From(result.Pairings[0].Pairing, battles);
        var table = SimulationReport.Render(result);

        var winsOne = battles.Count(b => b.Winner == Side.One);
        var winsTwo = battles.Count(b => b.Winner == Side.Two);
        var draws = battles.Count(b => b.Winner is null);
        Assert.Equal(40, winsOne + winsTwo + draws);
        Assert.Equal((winsOne, winsTwo, draws), (stats.WinsOne, stats.WinsTwo, stats.Draws));
        var rounds = battles.Select(b => b.Rounds).Order().ToArray();
        Assert.Equal(rounds.Average(), stats.MeanRounds, 9);
        Assert.Equal(rounds[37], stats.P95Rounds); // nearest rank: ceil(0.95 × 40) = 38th
        Assert.Equal(battles.Average(b => b.HullOne), stats.MeanHullOne, 9);
        Assert.Equal(battles.Average(b => b.HullTwo), stats.MeanHullTwo, 9);

        Assert.Contains($"| Wins ", table, StringComparison.Ordinal);
        Assert.Contains($"{winsOne} ({SimulationReport.Percent(winsOne / 40.0)})", table, StringComparison.Ordinal);
        Assert.Contains($"{winsTwo} ({SimulationReport.Percent(winsTwo / 40.0)})", table, StringComparison.Ordinal);
        Assert.Contains($"{draws} ({SimulationReport.Percent(draws / 40.0, "0.00")})", table, StringComparison.Ordinal);
        Assert.Contains($"{stats.MeanRounds:0.0} |", table, StringComparison.Ordinal);
        Assert.Contains($"{stats.MeanHullOne:0.0} / 40", table, StringComparison.Ordinal);
        Assert.Contains($"{stats.MeanHullTwo:0.0} / 80", table, StringComparison.Ordinal);
        Assert.Contains("Mean hull left, all battles", table, StringComparison.Ordinal);
        Assert.Contains("Mean hull left, battles it won", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_events_file_agrees_with_the_results()
    {
        var options = Options("--ship", "safari_ship", "--enemy", "scout", "--battles", "12");
        using var stream = new MemoryStream();
        SimulationResult result;
        using (var writer = new EventJsonWriter(stream))
        {
            result = new SimulationRunner(1).Run(options, seed: 9, writer);
        }
        var ends = Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n').Split('\n')
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "battle_ended")
            .ToArray();

        var battles = result.Pairings.Single().Battles;
        Assert.Equal(battles.Count, ends.Length);
        for (var i = 0; i < ends.Length; i++)
        {
            var outcome = ends[i].GetProperty("outcome");
            Assert.Equal(battles[i].Number, ends[i].GetProperty("battle").GetInt32());
            Assert.Equal(battles[i].Rounds, outcome.GetProperty("rounds").GetInt32());
            Assert.Equal(battles[i].Reason.ToString(), outcome.GetProperty("reason").GetString());
            var winner = outcome.GetProperty("winner");
            Assert.Equal(battles[i].Winner?.ToString(), winner.ValueKind == JsonValueKind.Null ? null : winner.GetString());
        }
    }

    [Fact]
    public void A_matrix_cell_is_the_same_battles_as_that_pairing_run_alone()
    {
        var matrix = new SimulationRunner(2).Run(Options("--matrix", "--battles", "4"), seed: 21);
        var single = new SimulationRunner(1).Run(Options("--ship", "far_trader", "--enemy", "safari_ship", "--battles", "4"), seed: 21);

        Assert.Equal(49, matrix.Pairings.Count);
        Assert.Equal(
            ShipRoster.All.SelectMany(one => ShipRoster.All.Select(two => (one.Id, two.Id))),
            matrix.Pairings.Select(p => (p.Pairing.ShipOne, p.Pairing.ShipTwo)));
        Assert.Equal(Enumerable.Range(1, 196), matrix.Pairings.SelectMany(p => p.Battles).Select(b => b.Number));
        var cell = matrix.Pairings.Single(p => p.Pairing == new Pairing("far_trader", "safari_ship")).Battles;
        Assert.Equal(
            single.Pairings[0].Battles.Select(b => (b.Seed, b.Winner, b.Rounds, b.HullOne, b.HullTwo)),
            cell.Select(b => (b.Seed, b.Winner, b.Rounds, b.HullOne, b.HullTwo)));
    }

    [Fact]
    public void The_matrix_shows_each_row_ships_win_rate()
    {
        var result = new SimulationRunner(2).Run(Options("--matrix", "--battles", "5", "--range", "Short"), seed: 4);
        var table = SimulationReport.Render(result);

        var lines = table.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("Row ship's win %", StringComparison.Ordinal));
        Assert.True(header >= 0, table);
        foreach (var (ship, row) in ShipRoster.All.Select((s, i) => (s.Id, i)))
        {
            var cells = lines[header + 4 + row].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(ship, cells[0]);
            for (var column = 0; column < ShipRoster.All.Count; column++)
            {
                var battles = result.Pairings[row * 7 + column].Battles;
                Assert.Equal(SimulationReport.Percent(battles.Count(b => b.Winner == Side.One) / 5.0), cells[column + 1]);
            }
        }
    }

    [Theory]
    [InlineData(new[] { 5 }, 95, 5)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 95, 19)]
    [InlineData(new[] { 3, 1, 2 }, 50, 2)]
    [InlineData(new[] { 3, 1, 2 }, 100, 3)]
    public void P95_is_the_nearest_rank_percentile(int[] values, int percent, int expected) =>
        Assert.Equal(expected, PairingStats.Percentile(values, percent));
}
