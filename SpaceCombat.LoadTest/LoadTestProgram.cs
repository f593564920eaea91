using System.Runtime.InteropServices;
using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Scenario;
using SpaceCombat.LoadTest.Server;
using Spectre.Console;

namespace SpaceCombat.LoadTest;

/// <summary>Entry point: <c>dotnet run -c Release --project SpaceCombat.LoadTest -- --help</c>.</summary>
public static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["arrival-cost", .. var costArgs])
        {
            return await Cost.ArrivalCost.RunAsync(costArgs, Console.Out);
        }
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(LoadTestOptions.Usage);
            return 0;
        }
        LoadTestOptions options;
        try
        {
            options = LoadTestOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine();
            Console.Error.WriteLine(LoadTestOptions.Usage);
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        // A stop from outside (kill, a CI job's time limit) is taken as Ctrl+C is: the runtime's own handling ends the
        // process at once, which left the server it started running and the run's data folder on disk.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cts.Cancel();
        });
        var (reports, _) = await RunAsync(options, Console.Out, cts.Token);
        return reports.All(r => r.Passed) ? 0 : 1;
    }

    /// <summary>Runs every level and writes the report; used by Main and by the smoke test.</summary>
    public static async Task<(List<LevelReport> Reports, string MarkdownPath)> RunAsync(LoadTestOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

        await using var restart = options.StartServer ? new ServerRestart(await ServerProcess.StartAsync(options.ServerDll, options.ServerEnv, log)) : null;
        var server = restart?.Current;
        var baseUri = server?.BaseUri ?? options.Url!;
        // After the server has started: it must not inherit the generator's lower priority.
        var priority = GeneratorPriority.Lower(options.GeneratorNice);
        log.WriteLine($"Load generator priority: {priority}");
        log.WriteLine($"Target {baseUri} ({(server is null ? "given" : $"started, pid {server.ProcessId}")}); {(options.Sustain is { } held ? $"{options.Levels[0]} battles held for {held.TotalSeconds:0} s" : $"levels {string.Join(", ", options.Levels)}")}; {options.Clients.ToString().ToLowerInvariant()} clients from {(options.SourceAddresses == CircuitClient.SourceAddressMode.LoopbackPerPlayer ? "one loopback address each" : "127.0.0.1")}; {(options.Solo ? "solo vs AI" : "person vs person")}");

        var runner = new LoadRunner(options, baseUri, () => options.Clients switch
        {
            ClientKind.Browser => new BrowserDriver(options, baseUri),
            _ => new CircuitDriver(options, baseUri),
        }, () => restart?.Current, log);
        using var killCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Disruptions.Clear();
        var chaos = options.ClusterScript is { } script ? new NodeChaos(script, log) : null;
        var kill = (restart, chaos, options) switch
        {
            ({ } started, _, { KillServerAt: { } killAt }) => started.KillAndStartAgainAsync(killAt, log, killCts.Token),
            (_, { } nodes, { KillNodeAt: { } nodeAt }) => nodes.KillAndStartAgainAsync(nodeAt, options.KillNode, options.RestartNodeAfter, killCts.Token),
            (_, { } nodes, { RollingRestartAt: { } rollAt }) => nodes.RollingRestartAsync(rollAt, options.Nodes, killCts.Token),
            _ => Task.CompletedTask,
        };
        var reports = await runner.RunAsync(cancellationToken);
        // A run over before the kill time leaves the server alone; a restart under way is waited for.
        await killCts.CancelAsync();
        try
        {
            await kill;
        }
        catch (OperationCanceledException)
        {
            log.WriteLine("The run ended before the time set to take a server or node down; nothing was taken down, or the restart was cut short");
        }

        var conditions = $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; server {(server is null ? "given by --url" : "started by the tool (built DLL, Development environment, logging at Warning)")}; load generator priority: {priority}.";
        var (json, markdown) = ReportWriter.Write(options.Output, options, baseUri, reports, conditions);
        if (log == Console.Out)
        {
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                // Written to a file or a pipe: wide rows rather than columns squeezed to 80 characters.
                AnsiConsole.Profile.Width = 240;
            }
            AnsiConsole.Write(ReportWriter.ConsoleTable(reports));
            foreach (var sustain in reports.Select(r => r.Sustain).OfType<SustainReport>())
            {
                AnsiConsole.Write(SustainTables.Console(sustain));
            }
        }
        else
        {
            log.WriteLine(ReportWriter.Markdown(options, baseUri, reports, conditions));
        }
        log.WriteLine($"Report: {json} and {markdown}");
        foreach (var error in BlazorCircuit.ClientErrors.Take(5))
        {
            log.WriteLine($"SignalR client error: {error}");
        }
        return (reports, markdown);
    }
}
