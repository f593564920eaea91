using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SpaceCombat.Benchmarks;

// A short job keeps a run to about a minute on a shared 2-core machine; in-process so no extra project is generated and built.
var job = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(10)
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId("Short");

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddColumn(CorpusColumn.BattlesPerOp, CorpusColumn.CommandsPerOp, CorpusColumn.CommandsPerSecond);

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args, config);
