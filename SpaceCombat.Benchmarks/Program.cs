using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SpaceCombat.Benchmarks;

if (args is ["--corpus"])
{
    // The battles one operation plays, with their command counts: the figures behind the Commands/s column.
    foreach (var battle in BattleCorpus.Battles)
    {
        Console.WriteLine($"{battle.Setup.ShipOne} vs {battle.Setup.ShipTwo} (seed {battle.Seed}, {battle.Setup.StartBand}): " +
            $"{battle.Commands.Count} commands, {battle.Outcome.Rounds} rounds, {battle.Outcome.Reason}, winner {battle.Outcome.Winner?.ToString() ?? "none"}");
    }
    Console.WriteLine($"Total: {BattleCorpus.BattlesPerOperation} battles, {BattleCorpus.CommandsPerOperation} commands per operation.");
    return;
}

if (args is ["--logbook"])
{
    // The battle RestoreBenchmarks restores, with what its logbook stores.
    var stored = LongBattle.Logbook;
    var ai = stored.EntryLines.Count(l => l.Contains("\"captain\"", StringComparison.Ordinal));
    Console.WriteLine($"{LongBattle.Setup.ShipOne} vs {LongBattle.Setup.ShipTwo} (seed {LongBattle.Seed}, {LongBattle.Setup.StartBand}, both AI): " +
        $"{stored.Outcome.Rounds} rounds, {stored.Outcome.Reason}; {stored.Entries.Count} entries ({ai} with a captain's memory), " +
        $"{stored.Entries.Sum(e => e.Faces.Count)} faces");
    Console.WriteLine($"Stored: opening {stored.OpeningJson.Length} bytes, entries {stored.EntryBytes:N0} bytes, " +
        $"{(double)stored.EntryBytes / stored.Entries.Count:F1} bytes per entry");
    Console.WriteLine($"First entries:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", stored.EntryLines.Take(4))}");
    return;
}

if (args is ["--web-parts"])
{
    // Where the web side's Allocated/command goes, part by part (one pass after a warm-up, this thread's allocations).
    var parts = new long[Enum.GetValues<WebSideBenchmarks.WebSidePart>().Length];
    WebSideBenchmarks.MeasureParts(parts);
    foreach (var part in Enum.GetValues<WebSideBenchmarks.WebSidePart>())
    {
        Console.WriteLine($"{part,-10} {(double)parts[(int)part] / BattleCorpus.CommandsPerOperation,8:N0} B/command");
    }
    Console.WriteLine($"{"Total",-10} {(double)parts.Sum() / BattleCorpus.CommandsPerOperation,8:N0} B/command");
    return;
}

// A short job keeps a run to about a minute on a shared 2-core machine; in-process so no extra project is generated and built.
var job = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(10)
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId("Short");

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddColumn(CorpusColumn.BattlesPerOp, CorpusColumn.CommandsPerOp, CorpusColumn.CommandsPerSecond, AllocatedPerCommandColumn.Instance);

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args, config);
