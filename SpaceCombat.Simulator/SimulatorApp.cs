using Spectre.Console;

namespace SpaceCombat.Simulator;

/// <summary>The simulator's command line: parse, run, report. Exit codes: 0 done, 1 could not write, 2 invalid arguments.</summary>
public static class SimulatorApp
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int InvalidArguments = 2;

    /// <param name="args">The command line.</param>
    /// <param name="stdout">Receives the report (deterministic for a given seed) or the help.</param>
    /// <param name="stderr">Receives errors and, when <paramref name="progress"/> is given, nothing else.</param>
    /// <param name="progress">A console to draw a progress bar on (the terminal's stderr), or null for none.</param>
    /// <param name="runner">The runner (tests may pin its parallelism).</param>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IAnsiConsole? progress = null, SimulationRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var options = SimulationOptions.Parse(args, out var error);
        if (options is null)
        {
            stderr.WriteLine($"error: {error}");
            stderr.WriteLine("Run with --help for usage.");
            return InvalidArguments;
        }
        if (options.ShowHelp)
        {
            stdout.Write(SimulationOptions.Usage);
            return Success;
        }

        var seedWasRandom = options.Seed is null;
        var seed = options.Seed ?? Random.Shared.Next();
        runner ??= new SimulationRunner();

        EventJsonWriter? events = null;
        if (options.EventsPath is { } path)
        {
            try
            {
                events = EventJsonWriter.Create(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"error: cannot write the events file '{path}': {e.Message}");
                return RunFailed;
            }
        }

        SimulationResult result;
        try
        {
            result = progress is null
                ? runner.Run(options, seed, events)
                : RunWithProgress(progress, runner, options, seed, events);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: writing the events file failed: {e.Message}");
            return RunFailed;
        }
        finally
        {
            events?.Dispose();
        }

        stdout.Write(SimulationReport.Render(result, seedWasRandom));
        return Success;
    }

    private static SimulationResult RunWithProgress(IAnsiConsole console, SimulationRunner runner, SimulationOptions options, int seed, EventJsonWriter? events)
    {
        var total = SimulationRunner.PairingsFor(options).Count * options.Battles;
        var done = 0;
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Battles", maxValue: total);
                var run = Task.Run(() => runner.Run(options, seed, events, () => Interlocked.Increment(ref done)));
                while (!run.Wait(100))
                {
                    task.Value = Volatile.Read(ref done);
                }
                task.Value = total;
                return run.GetAwaiter().GetResult();
            });
    }
}
