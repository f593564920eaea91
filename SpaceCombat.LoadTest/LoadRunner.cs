using System.Diagnostics;
using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Scenario;
using SpaceCombat.LoadTest.Server;
using Spectre.Console;

namespace SpaceCombat.LoadTest;

/// <summary>Runs the levels one after the other against one server and builds the per-level reports.</summary>
/// <param name="server">The server the tool started (the current process after a --kill-server-at restart), or null.</param>
public sealed class LoadRunner(LoadTestOptions options, Uri baseUri, Func<IBattleDriver> driverFactory, Func<ServerProcess?> server, TextWriter log)
{
    public async Task<List<LevelReport>> RunAsync(CancellationToken cancellationToken)
    {
        var reports = new List<LevelReport>();
        using var generatorPauses = new GeneratorPauseListener(new GeneratorPauses());
        await using var sampler = new ServerSampler(baseUri, TimeSpan.FromSeconds(2));
        foreach (var level in options.Levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Let the previous level's circuits go before taking the baseline.
            await WaitForServerToSettleAsync(sampler, cancellationToken);
            var baseline = await sampler.ScrapeAsync();
            var report = await RunLevelAsync(level, sampler, baseline, generatorPauses, cancellationToken);
            reports.Add(report);
            log.WriteLine(Describe(report));
        }
        return reports;
    }

    private async Task WaitForServerToSettleAsync(ServerSampler sampler, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var sample = await sampler.ScrapeAsync();
            if (sample is null || double.IsNaN(sample.Connections) || sample.Connections <= 0)
            {
                return;
            }
            await Task.Delay(1000, cancellationToken);
        }
    }

    private async Task<LevelReport> RunLevelAsync(int battles, ServerSampler sampler, MetricsSample? baseline, GeneratorPauseListener generatorPauses, CancellationToken cancellationToken)
    {
        var generatorPausedBefore = GC.GetTotalPauseDuration();
        long? heldGcBudget = null;
        long allocatedAtPlay = 0;
        var batchesBefore = BlazorCircuit.BatchTotals;
        var batchesAtPlay = batchesBefore;
        Task<MetricsSample?>? scrapeAtPlay = null;
        double? cpuAtPlay = null;
        ServerProcess? serverAtPlay = null;
        const long actionsAtPlay = 0; // the barrier holds every action until play starts
        var stats = new LevelStats(battles)
        {
            GeneratorPauses = generatorPauses.Pauses,
            BeforeAllReady = options.SyncStart
                ? () =>
                {
                    batchesAtPlay = BlazorCircuit.BatchTotals;
                    serverAtPlay = server();
                    cpuAtPlay = serverAtPlay?.ReadCpuSeconds();
                    scrapeAtPlay = sampler.ScrapeAsync();
                    heldGcBudget = GeneratorGc.Hold(battles);
                    allocatedAtPlay = GC.GetTotalAllocatedBytes();
                }
                : null,
        };
        var loadBefore = LoadAverage();
        using var levelCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // With --sustain, --timeout bounds the play-out after the window.
        levelCts.CancelAfter(options.LevelTimeout + (options.Sustain ?? TimeSpan.Zero));
        long rssPeak = 0;
        await using var driver = driverFactory();

        var timeoutReason = options.Sustain is null ? "timeout:level" : "timeout:play-out";
        Task PlayOne(int index, CancellationToken token) => PlayBattleAsync(driver, index, stats, timeoutReason, token);
        var arrivals = options.Sustain is { } window ? new OpenLoopArrivals(battles, window, options.ArrivalRate, stats, PlayOne) : null;
        var all = arrivals?.RunAsync(levelCts.Token) ?? Task.WhenAll(Enumerable.Range(0, battles).Select(i => Task.Run(() =>
        {
            stats.PairArrived();
            return PlayOne(i, levelCts.Token);
        })));

        var title = options.Sustain is { } held
            ? $"{battles} {(options.Solo ? "solo" : "person-vs-person")} battle(s) held for {held.TotalSeconds:0} s{(options.Mix ? ", mixed" : "")}, {options.Clients.ToString().ToLowerInvariant()} clients"
            : $"{battles} {(options.Solo ? "solo" : "person-vs-person")} battle(s){(options.Mix ? ", mixed" : "")}, {options.Clients.ToString().ToLowerInvariant()} clients";
        if (options.Progress && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(ProgressTable(title, stats, sampler)).AutoClear(false).StartAsync(async context =>
            {
                while (!all.IsCompleted)
                {
                    await Task.WhenAny(all, Task.Delay(1000, CancellationToken.None));
                    stats.SampleInPlay();
                    rssPeak = Math.Max(rssPeak, server()?.ReadRssBytes() ?? 0);
                    context.UpdateTarget(ProgressTable(title, stats, sampler));
                }
                context.UpdateTarget(ProgressTable(title, stats, sampler));
            });
        }
        else
        {
            var lastLine = Stopwatch.StartNew();
            while (!all.IsCompleted)
            {
                await Task.WhenAny(all, Task.Delay(1000, CancellationToken.None));
                stats.SampleInPlay();
                rssPeak = Math.Max(rssPeak, server()?.ReadRssBytes() ?? 0);
                if (lastLine.Elapsed >= TimeSpan.FromSeconds(5) || all.IsCompleted)
                {
                    lastLine.Restart();
                    log.WriteLine(ProgressLine(title, stats, sampler));
                }
            }
        }
        await all;
        stats.EndTimestamp = Stopwatch.GetTimestamp();
        var allocatedInPlay = GC.GetTotalAllocatedBytes() - allocatedAtPlay;
        var heldThrough = GeneratorGc.Release();
        var generatorGc = heldGcBudget is { } budget
            ? $"held (no-GC region of {budget >> 20} MB, {allocatedInPlay >> 20} MB allocated, {(heldThrough ? "no collection until the level ended" : "ran out: collections resumed before the level ended")})"
            : options.SyncStart ? "not held (the runtime refused a no-GC region)" : "not held (no --sync-start)";
        log.WriteLine($"  load generator's own GC during play: {generatorGc}");
        var generatorPausedByRuntime = (GC.GetTotalPauseDuration() - generatorPausedBefore).TotalSeconds;
        var pausesCaughtUp = await generatorPauses.CatchUpAsync(TimeSpan.FromSeconds(5));
        var pauseFigures = GeneratorPauseFigures.Of(stats.Clicks.All(), stats.GeneratorPauses.Snapshot(), stats.StartTimestamp, stats.EndTimestamp.Value);
        log.WriteLine($"  load generator's own GC pauses: {GeneratorPauseSummary(pauseFigures, generatorPausedByRuntime, pausesCaughtUp)}");
        var batchesAfter = BlazorCircuit.BatchTotals;
        var cpuAfterPlay = serverAtPlay?.ReadCpuSeconds();
        // A server killed and started again during play (--kill-server-at) has counters that started over.
        if (scrapeAtPlay is not null && stats.Actions > actionsAtPlay && ReferenceEquals(server(), serverAtPlay))
        {
            var atPlay = await scrapeAtPlay;
            var afterPlay = await sampler.ScrapeAsync();
            var playActions = stats.Actions - actionsAtPlay;
            var allocatedPerAction = atPlay is null || afterPlay is null ? double.NaN : (afterPlay.AllocatedBytes - atPlay.AllocatedBytes) / playActions / 1024;
            var cpuPerAction = cpuAtPlay is { } before && cpuAfterPlay is { } after ? (after - before) / playActions * 1000 : double.NaN;
            log.WriteLine($"  per action during play ({playActions} actions): server CPU {cpuPerAction:0.00} ms, server allocated {allocatedPerAction:0.0} KB, render batches {(double)(batchesAfter.Batches - batchesAtPlay.Batches) / playActions:0.00} / {(double)(batchesAfter.Bytes - batchesAtPlay.Bytes) / playActions:0} bytes");
        }
        if (batchesAfter.Batches > batchesBefore.Batches)
        {
            var count = batchesAfter.Batches - batchesBefore.Batches;
            log.WriteLine($"  render batches received: {count}, {(batchesAfter.Bytes - batchesBefore.Bytes) / count} bytes on average");
            var duringPlay = batchesAfter.Batches - batchesAtPlay.Batches;
            if (options.SyncStart && duringPlay > 0 && stats.Actions > 0)
            {
                log.WriteLine($"  during play (after every battle was set up): {duringPlay} batches, {(double)duringPlay / stats.Actions:0.00} per action, {(batchesAfter.Bytes - batchesAtPlay.Bytes) / duringPlay} bytes on average");
            }
        }
        // A sustained run reports by minute instead.
        var windows = options.Sustain is null ? stats.LatencyWindows(2) : [];
        if (windows.Count > 0)
        {
            log.WriteLine($"  click→update by 2 s of {(options.SyncStart ? "play" : "the level")} (from s: clicks, p50/p95/max ms): "
                + string.Join("; ", windows.Select(w => $"{w.FromSeconds:0}: {w.Count}, {w.P50:0}/{w.P95:0}/{w.Max:0}")));
        }
        await sampler.ScrapeAsync();
        var samples = sampler.Between(stats.StartTimestamp, stats.EndTimestamp.Value + Stopwatch.Frequency);
        var report = BuildReport(stats, samples, baseline, rssPeak) with { LoadAverage = $"{loadBefore} → {LoadAverage()}", SyncStart = options.SyncStart, GeneratorGc = generatorGc,
            GeneratorPauses = pauseFigures, GeneratorPauseSecondsByRuntime = generatorPausedByRuntime, GeneratorPausesComplete = pausesCaughtUp };
        if (arrivals is not null)
        {
            report = report with { Sustain = SustainReport.Build(options, stats, sampler.Between(stats.StartTimestamp - 3 * Stopwatch.Frequency, stats.EndTimestamp.Value + Stopwatch.Frequency), arrivals.WindowClosedAt) };
        }
        return report;
    }

    /// <summary>Plays one battle and records how it ended; never throws.</summary>
    private async Task PlayBattleAsync(IBattleDriver driver, int index, LevelStats stats, string timeoutReason, CancellationToken cancellationToken)
    {
        var setup = new SetupToken(stats);
        try
        {
            await driver.PlayBattleAsync(index, BattlePlan.For(options, index), setup, cancellationToken);
        }
        catch (BattleFailedException failure)
        {
            stats.BattleFailed(failure.Reason);
            Trace(failure.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stats.BattleFailed(timeoutReason);
        }
        catch (Exception exception)
        {
            stats.BattleFailed($"error:{exception.GetType().Name}");
            Trace(exception.ToString());
        }
        finally
        {
            setup.Ended();
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static readonly Lock TraceGate = new();
    private static int _traced;

    private void Trace(string message)
    {
        lock (TraceGate)
        {
            if (_traced++ < 20)
            {
                log.WriteLine($"  failure: {message}");
            }
        }
    }

    private LevelReport BuildReport(LevelStats stats, List<MetricsSample> samples, MetricsSample? baseline, long rssPeak)
    {
        var latencies = stats.LatenciesSnapshot();
        var durations = stats.DurationsSnapshot();
        var navigation = stats.NavigationSnapshot();
        var interactive = stats.PageInteractive.All();
        var recoveries = stats.RecoveriesSnapshot();
        var arrivals = stats.Arrivals.Count;
        var cpu = ServerSampler.CpuPercents(samples).ToList();
        double Peak(Func<MetricsSample, double> f) => samples.Select(f).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
        var wsBase = baseline?.WorkingSetBytes ?? double.NaN;
        var heapBase = baseline?.ManagedHeapBytes ?? double.NaN;
        var wsPeak = Peak(s => s.WorkingSetBytes);
        var heapPeak = Peak(s => s.ManagedHeapBytes);
        var connectionsPeak = Peak(s => s.Connections);
        var circuits = Math.Max(1, double.IsNaN(connectionsPeak) ? stats.PeakClients : Math.Max(connectionsPeak, stats.PeakClients));
        var p95 = LevelStats.Percentile(latencies, 95);
        const double Mb = 1024 * 1024;
        double Delta(Func<MetricsSample, double> f) => LevelStats.CounterIncrease(samples.Select(f));
        return new LevelReport
        {
            Battles = stats.Battles,
            Clients = options.Clients.ToString().ToLowerInvariant(),
            Solo = options.Solo,
            Started = stats.Started,
            Completed = stats.Completed,
            Failed = stats.Failed,
            Arrivals = arrivals,
            SuccessPercent = Math.Max(stats.Battles, arrivals) == 0 ? 0 : 100.0 * stats.Completed / Math.Max(stats.Battles, arrivals),
            FailuresByReason = stats.Failures.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => p.Value),
            Results = stats.Results.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => p.Value),
            ElapsedSeconds = stats.Elapsed.TotalSeconds,
            DurationP50Seconds = LevelStats.Percentile(durations, 50),
            DurationP95Seconds = LevelStats.Percentile(durations, 95),
            Actions = stats.Actions,
            RateLimited = stats.RateLimited,
            LatencyP50Ms = LevelStats.Percentile(latencies, 50),
            LatencyP95Ms = p95,
            LatencyP99Ms = LevelStats.Percentile(latencies, 99),
            LatencyMaxMs = latencies.Length == 0 ? double.NaN : latencies.Max(),
            NavigationP50Ms = LevelStats.Percentile(navigation, 50),
            NavigationP95Ms = LevelStats.Percentile(navigation, 95),
            PageInteractiveP50Ms = LevelStats.Percentile(interactive, 50),
            PageInteractiveP95Ms = LevelStats.Percentile(interactive, 95),
            TurnsEndedByTimer = stats.TurnsEndedByTimer,
            Rejoins = stats.Rejoins,
            StartsRefused = stats.StartsRefused,
            ArrivalsRefused = stats.ArrivalsRefused,
            AcceptedEventsChecked = stats.EventsChecked,
            AcceptedEventsLost = stats.EventsLost,
            RecoveryP50Ms = LevelStats.Percentile(recoveries, 50),
            RecoveryP95Ms = LevelStats.Percentile(recoveries, 95),
            RecoveryMaxMs = recoveries.Length == 0 ? double.NaN : recoveries.Max(),
            LongestInputGapSeconds = stats.LongestInputGap.TotalSeconds,
            ActionsPerSecond = stats.Actions / Math.Max(0.001, stats.Elapsed.TotalSeconds),
            PeakClients = stats.PeakClients,
            ServerPeakConnections = connectionsPeak,
            ServerCpuAvgPercent = cpu.Count == 0 ? double.NaN : cpu.Average(),
            ServerCpuPeakPercent = cpu.Count == 0 ? double.NaN : cpu.Max(),
            ServerWorkingSetBaselineMb = wsBase / Mb,
            ServerWorkingSetPeakMb = wsPeak / Mb,
            ServerHeapBaselineMb = heapBase / Mb,
            ServerHeapPeakMb = heapPeak / Mb,
            HeapPerCircuitMb = (heapPeak - heapBase) / Mb / circuits,
            WorkingSetPerCircuitMb = (wsPeak - wsBase) / Mb / circuits,
            ServerRssPeakMbFromProc = rssPeak > 0 ? rssPeak / Mb : null,
            ServerGcPauseSeconds = Delta(s => s.GcPauseSeconds),
            ServerGcCollections = [Delta(s => s.GcCollections[0]), Delta(s => s.GcCollections[1]), Delta(s => s.GcCollections[2])],
            ServerAllocatedMb = Delta(s => s.AllocatedBytes) / Mb,
            ServerJitSeconds = Delta(s => s.JitSeconds),
            LatencyByKind = stats.LatenciesByKind().ToDictionary(p => p.Key, p => new[] { LevelStats.Percentile(p.Value, 50), LevelStats.Percentile(p.Value, 95), LevelStats.Percentile(p.Value, 99), p.Value.Length }),
            MaxP95Exceeded = options.MaxP95Ms is { } max && !double.IsNaN(p95) && p95 > max,
        };
    }

    private static Spectre.Console.Rendering.IRenderable ProgressTable(string title, LevelStats stats, ServerSampler sampler)
    {
        var latencies = stats.LatenciesSnapshot();
        var latest = sampler.Latest;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumns("elapsed", "arrived", "in play", "started", "completed", "failed", "clients open", "actions", "rate-limited", "p50 ms", "p95 ms", "server conns", "server WS MB", "server heap MB");
        table.AddRow(
            $"{stats.Elapsed.TotalSeconds:F0} s",
            stats.Arrivals.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            stats.BattlesInPlay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{stats.Started}/{stats.Battles} ({stats.Ready} ready)",
            $"[green]{stats.Completed}[/]",
            stats.Failed > 0 ? $"[red]{stats.Failed}[/]" : "0",
            stats.OpenClients.ToString(System.Globalization.CultureInfo.InvariantCulture),
            stats.Actions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            stats.RateLimited.ToString(System.Globalization.CultureInfo.InvariantCulture),
            F(LevelStats.Percentile(latencies, 50)),
            F(LevelStats.Percentile(latencies, 95)),
            F(latest?.Connections ?? double.NaN, "F0"),
            F((latest?.WorkingSetBytes ?? double.NaN) / 1048576, "F0"),
            F((latest?.ManagedHeapBytes ?? double.NaN) / 1048576, "F0"));
        return table;
    }

    private string ProgressLine(string title, LevelStats stats, ServerSampler sampler)
    {
        var latencies = stats.LatenciesSnapshot();
        var latest = sampler.Latest;
        return $"[{stats.Elapsed.TotalSeconds,5:F0} s] {title}: arrived {stats.Arrivals.Count}, in play {stats.BattlesInPlay}, started {(options.Sustain is null ? $"{stats.Started}/{stats.Battles} ({stats.Ready} set up)" : stats.Started)}, completed {stats.Completed}, failed {stats.Failed}, " +
               $"clients {stats.OpenClients}, actions {stats.Actions} (rate-limited {stats.RateLimited}), p50 {F(LevelStats.Percentile(latencies, 50))} ms, " +
               $"p95 {F(LevelStats.Percentile(latencies, 95))} ms, server conns {F(latest?.Connections ?? double.NaN, "F0")}, " +
               $"WS {F((latest?.WorkingSetBytes ?? double.NaN) / 1048576, "F0")} MB, heap {F((latest?.ManagedHeapBytes ?? double.NaN) / 1048576, "F0")} MB";
    }

    public static string F(double value, string format = "F1") =>
        double.IsNaN(value) || double.IsInfinity(value) ? "-" : value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public static string Describe(LevelReport r) =>
        $"Level {r.Battles}: {r.Completed}/{Math.Max(r.Battles, r.Arrivals)} completed ({F(r.SuccessPercent)} %), failures {(r.FailuresByReason.Count == 0 ? "none" : string.Join(", ", r.FailuresByReason.Select(p => $"{p.Key} x{p.Value}")))}; " +
        $"click-to-update p50/p95/p99 {F(r.LatencyP50Ms)}/{F(r.LatencyP95Ms)}/{F(r.LatencyP99Ms)} ms; {F(r.ActionsPerSecond)} actions/s; " +
        $"by kind {string.Join(", ", r.LatencyByKind.Select(p => $"{p.Key} {F(p.Value[0])}/{F(p.Value[1])}/{F(p.Value[2])} (n={p.Value[3]})"))}; " +
        $"server CPU avg {F(r.ServerCpuAvgPercent)} %, WS peak {F(r.ServerWorkingSetPeakMb, "F0")} MB, heap peak {F(r.ServerHeapPeakMb, "F0")} MB, " +
        $"GC pauses {F(r.ServerGcPauseSeconds, "F2")} s ({GcCounts(r)}), allocated {F(r.ServerAllocatedMb, "F0")} MB, JIT {F(r.ServerJitSeconds, "F2")} s; " +
        (r.GeneratorPauses is { } generator ? $"load generator's own GC pauses {GeneratorPauseSummary(generator, r.GeneratorPauseSecondsByRuntime, r.GeneratorPausesComplete)}; " : "") +
        $"page-to-interactive p50/p95 {F(r.PageInteractiveP50Ms)}/{F(r.PageInteractiveP95Ms)} ms; turns ended by the turn timer {r.TurnsEndedByTimer}; " +
        $"longest a player could act without input {F(r.LongestInputGapSeconds)} s" +
        (r.StartsRefused > 0 ? $"; {r.StartsRefused} Start Battle clicks refused by the set-up page" : "") +
        (r.ArrivalsRefused > 0 ? $"; {r.ArrivalsRefused} pages arrived on the server's busy page ({ArrivalRefusal.Reason})" : "") +
        (r.Rejoins > 0 ? $"; after the restart {r.Rejoins} players rejoined (recovery p50/p95/max {F(r.RecoveryP50Ms, "F0")}/{F(r.RecoveryP95Ms, "F0")}/{F(r.RecoveryMaxMs, "F0")} ms), accepted events lost {r.AcceptedEventsLost} of {r.AcceptedEventsChecked} lines checked" : "");

    /// <summary>The generator's recorded pauses over a level, with the runtime's own total as a cross-check.</summary>
    internal static string GeneratorPauseSummary(GeneratorPauseFigures figures, double pausedByRuntime, bool complete) =>
        $"{F(figures.PauseSeconds, "F2")} s in {figures.Pauses} pauses (the runtime's total {F(pausedByRuntime, "F2")} s){(complete ? "" : ", the last pauses' events had not arrived")}; " +
        $"{F(figures.ClicksSpanningPausePercent)} % of {figures.Clicks} clicks spanned one; p95 / p99 excluding them {F(figures.LatencyP95ExcludingPausesMs)} / {F(figures.LatencyP99ExcludingPausesMs)} ms";

    internal static string GcCounts(LevelReport r) => r.ServerGcCollections.Length == 3
        ? $"gen0 {F(r.ServerGcCollections[0], "F0")}, gen1 {F(r.ServerGcCollections[1], "F0")}, gen2 {F(r.ServerGcCollections[2], "F0")}"
        : "-";
}
