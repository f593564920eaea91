using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using static SpaceCombat.LoadTest.LoadRunner;

namespace SpaceCombat.LoadTest;

/// <summary>The final report: a console table and .json/.md files.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static Table ConsoleTable(IReadOnlyList<LevelReport> reports)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Load test");
        table.AddColumns("battles", "arrived", "started", "completed", "success", "failures", "duration p50/p95 s", "click→update p50/p95/p99 ms",
            "excluding clicks that spanned a generator GC pause: p95/p99 ms (share)", "actions/s", "server CPU avg/peak %", "server WS peak MB", "server heap peak MB", "heap / circuit MB");
        foreach (var r in reports)
        {
            table.AddRow(
                r.Battles.ToString(CultureInfo.InvariantCulture),
                r.Arrivals.ToString(CultureInfo.InvariantCulture),
                r.Started.ToString(CultureInfo.InvariantCulture),
                r.Completed.ToString(CultureInfo.InvariantCulture),
                (r.Passed ? "[green]" : "[red]") + F(r.SuccessPercent) + " %[/]",
                Markup.Escape(Failures(r)),
                $"{F(r.DurationP50Seconds)} / {F(r.DurationP95Seconds)}",
                $"{F(r.LatencyP50Ms)} / {F(r.LatencyP95Ms)} / {F(r.LatencyP99Ms)}",
                ExcludingPauses(r),
                F(r.ActionsPerSecond),
                $"{F(r.ServerCpuAvgPercent, "F0")} / {F(r.ServerCpuPeakPercent, "F0")}",
                F(r.ServerWorkingSetPeakMb, "F0"),
                F(r.ServerHeapPeakMb, "F0"),
                F(r.HeapPerCircuitMb, "F3"));
        }
        return table;
    }

    private static string ExcludingPauses(LevelReport r) => r.GeneratorPauses is { } figures ? SustainTables.ExcludingPauses(figures) : "-";

    /// <summary>The generator's own GC over each level: held or not, and what its recorded pauses came to.</summary>
    internal static string GeneratorGcLine(IEnumerable<LevelReport> reports) =>
        "Load generator's own garbage collection while each level played: " + string.Join("; ", reports.Select(r =>
            $"{r.Battles}: {r.GeneratorGc}" + (r.GeneratorPauses is { } figures ? $", paused {GeneratorPauseSummary(figures, r.GeneratorPauseSecondsByRuntime, r.GeneratorPausesComplete)}" : "")));

    private static string Failures(LevelReport r) =>
        r.FailuresByReason.Count == 0 ? "-" : string.Join("; ", r.FailuresByReason.Select(p => $"{p.Key} ×{p.Value}"));

    public static (string Json, string Markdown) Write(string folder, LoadTestOptions options, Uri target, IReadOnlyList<LevelReport> reports, string conditions)
    {
        Directory.CreateDirectory(folder);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = $"loadtest-{options.Clients.ToString().ToLowerInvariant()}-{(options.Solo ? "solo" : "pvp")}{(options.Sustain is null ? "" : "-sustain")}-{stamp}";
        var jsonPath = Path.Combine(folder, name + ".json");
        var mdPath = Path.Combine(folder, name + ".md");
        var document = new
        {
            generatedUtc = DateTime.UtcNow,
            target = target.ToString(),
            clients = options.Clients.ToString().ToLowerInvariant(),
            mode = options.Solo ? "solo vs AI" : "person vs person",
            scenario = options.Mix
                ? new { ship = "mix", enemyShip = "mix", range = "mix (mostly Medium)", thinkMs = $"{options.ThinkMinMs}-{options.ThinkMaxMs}" }
                : new { ship = options.Ship, enemyShip = options.EnemyShip, range = options.Range, thinkMs = $"{options.ThinkMinMs}-{options.ThinkMaxMs}" },
            sustainSeconds = options.Sustain?.TotalSeconds,
            playOutThinkMs = options.PlayOutThink is { } playOut ? $"{playOut.MinMs}-{playOut.MaxMs}" : null,
            options.ArrivalRate,
            sourceAddresses = options.SourceAddresses.ToString(),
            levelTimeoutSeconds = options.LevelTimeout.TotalSeconds,
            options.MaxP95Ms,
            options.Label,
            conditions,
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            levels = reports,
        };
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(document, Json));
        File.WriteAllText(mdPath, Markdown(options, target, reports, conditions));
        return (jsonPath, mdPath);
    }

    public static string Markdown(LoadTestOptions options, Uri target, IReadOnlyList<LevelReport> reports, string conditions)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Load test — {options.Clients.ToString().ToLowerInvariant()} clients, {(options.Solo ? "solo vs AI" : "person vs person")}");
        md.AppendLine();
        var scenario = options.Mix ? "ships and starting band drawn per battle (--mix: any ship of the roster, mostly Medium)" : $"{options.Ship} vs {options.EnemyShip} at {options.Range}";
        var sources = options.SourceAddresses == CircuitClient.SourceAddressMode.LoopbackPerPlayer ? "each player from its own 127.x.y.z address" : "every player from 127.0.0.1";
        md.AppendLine(CultureInfo.InvariantCulture, $"Target {target}; scenario {scenario}; {sources}; think time {options.ThinkMinMs}–{options.ThinkMaxMs} ms{(options.PlayOutThink is { } fast ? $" ({fast.MinMs}–{fast.MaxMs} ms in battle once the window closed)" : "")}; level timeout {options.LevelTimeout.TotalSeconds:F0} s; {Environment.ProcessorCount} cores, load generator and server on the same machine.");
        if (options.Label is { Length: > 0 })
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Label: {options.Label}");
        }
        md.AppendLine().AppendLine(conditions).AppendLine();
        if (options.SyncStart)
        {
            md.AppendLine("--sync-start: every battle was held after both players were in it until all battles of the level were, so all played at once; battle durations count from that moment.").AppendLine();
        }
        if (options.Sustain is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"--sustain {options.Sustain.Value.TotalSeconds:F0}: {reports.FirstOrDefault()?.Battles} battles held open loop: whenever one ended a new pair arrived (the creator at the home page, through the set-up page, to the invite link; the joiner at the link), until the window closed; then the battles in flight played out within --timeout. The level's row counts every battle that arrived; the server ran its shipped settings.").AppendLine();
        }
        if (options.KillServerAt is { } killAt)
        {
            var levels = string.Join("; ", reports.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Battles}: {r.Completed} battles completed, {r.Rejoins} players rejoined, accepted events lost {r.AcceptedEventsLost} of {r.AcceptedEventsChecked} log lines seen before the kill and checked after it")));
            md.AppendLine(CultureInfo.InvariantCulture, $"--kill-server-at {killAt.TotalSeconds:F0} s: the server was killed (SIGKILL) and started again on the same port and content root; players rejoined as a browser does. {levels}.").AppendLine();
        }
        if (options.KillNodeAt is not null || options.RollingRestartAt is not null)
        {
            var what = options.KillNodeAt is { } nodeAt
                ? $"--kill-node-at {nodeAt.TotalSeconds:F0} s: node {options.KillNode} was killed (SIGKILL) through {options.ClusterScript} and started again {options.RestartNodeAfter.TotalSeconds:F0} s later"
                : $"--rolling-restart-at {options.RollingRestartAt!.Value.TotalSeconds:F0} s: nodes 1 to {options.Nodes} were restarted one at a time through {options.ClusterScript}";
            var levels = string.Join("; ", reports.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Battles}: {r.Completed} battles completed, {r.Rejoins} players rejoined, recovery p50 / p95 / max {F(r.RecoveryP50Ms, "F0")} / {F(r.RecoveryP95Ms, "F0")} / {F(r.RecoveryMaxMs, "F0")} ms, accepted events lost {r.AcceptedEventsLost} of {r.AcceptedEventsChecked} log lines seen before and checked after")));
            md.AppendLine(CultureInfo.InvariantCulture, $"{what}; players whose circuit was lost rejoined as a browser does (recovery: from the node going down to their battle page again). {levels}.").AppendLine();
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"| battles | arrived | started | completed | success | failures by reason | battle duration p50 / p95 (s) | click→update p50 / p95 / p99 (ms) | generator GC pause (s) | {SustainTables.ExcludingPausesColumn} | navigation click→page p50 / p95 (ms) | actions/s | rate-limited | server CPU avg / peak (% of all cores) | server working set base → peak (MB) | managed heap base → peak (MB) | heap / circuit (MB) | working set / circuit (MB) | peak circuits | load avg (1 min) start → end |");
        md.AppendLine("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in reports)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Battles} | {r.Arrivals} | {r.Started} | {r.Completed} | {F(r.SuccessPercent)} % | {Failures(r)} | {F(r.DurationP50Seconds)} / {F(r.DurationP95Seconds)} | {F(r.LatencyP50Ms)} / {F(r.LatencyP95Ms)} / {F(r.LatencyP99Ms)} | {F(r.GeneratorPauses?.PauseSeconds ?? double.NaN, "F2")} | {ExcludingPauses(r)} | {F(r.NavigationP50Ms)} / {F(r.NavigationP95Ms)} | {F(r.ActionsPerSecond)} | {r.RateLimited} | {F(r.ServerCpuAvgPercent, "F0")} / {F(r.ServerCpuPeakPercent, "F0")} | {F(r.ServerWorkingSetBaselineMb, "F0")} → {F(r.ServerWorkingSetPeakMb, "F0")} | {F(r.ServerHeapBaselineMb, "F0")} → {F(r.ServerHeapPeakMb, "F0")} | {F(r.HeapPerCircuitMb, "F3")} | {F(r.WorkingSetPerCircuitMb, "F3")} | {F(r.ServerPeakConnections, "F0")} | {r.LoadAverage} |");
        }
        md.AppendLine();
        md.AppendLine("Results seen (creator/joiner): " + string.Join("; ", reports.Select(r => $"{r.Battles}: " + string.Join(", ", r.Results.Select(p => $"{p.Key} ×{p.Value}")))));
        md.AppendLine();
        md.AppendLine(GeneratorGcLine(reports));
        md.AppendLine();
        md.AppendLine("Server garbage collection and JIT compilation during each level (pause time, collections by generation, managed memory allocated, time compiling): " + string.Join("; ", reports.Select(r => $"{r.Battles}: {F(r.ServerGcPauseSeconds, "F2")} s paused ({GcCounts(r)}), {F(r.ServerAllocatedMb, "F0")} MB allocated, {F(r.ServerJitSeconds, "F2")} s compiling")));
        md.AppendLine();
        md.AppendLine("Click→update by action (p50 / p95 / p99 ms, count): " + string.Join("; ", reports.Select(r => $"{r.Battles}: " + string.Join(", ", r.LatencyByKind.Select(p => $"{p.Key} {F(p.Value[0])} / {F(p.Value[1])} / {F(p.Value[2])} (n={p.Value[3]})")))));
        md.AppendLine();
        md.AppendLine("Page to interactive (every page a player opened: p50 / p95 ms), turns ended by the server's turn timer, and the longest a player could act without input (to compare with IdleTimeout): " + string.Join("; ", reports.Select(r => $"{r.Battles}: {F(r.PageInteractiveP50Ms, "F0")} / {F(r.PageInteractiveP95Ms, "F0")} ms, {r.TurnsEndedByTimer} turns, {F(r.LongestInputGapSeconds)} s")));
        md.AppendLine();
        foreach (var sustain in reports.Select(r => r.Sustain).OfType<SustainReport>())
        {
            md.AppendLine(SustainTables.Markdown(sustain));
        }
        md.AppendLine("Click→update: from sending a Fire / Launch Missile / Close Range / End Turn click to receiving the render batch that shows its effect (button disabled, turn passed, result shown, or the rate-limit snackbar). A click that spanned a generator GC pause: its send→receive interval overlapped one of the load generator's own stop-the-world collections (recorded from the runtime's GC events in the generator); the figures without those clicks, beside the all-clicks ones (which stay the measure), show how much of the tail the generator's own pauses could account for. Server CPU, working set and managed heap (sum of the GC generations at the last collection) come from the server's `/metrics` (System.Runtime meter), sampled every 2 s; per-circuit figures are (peak − baseline) / peak circuits.");
        return md.ToString();
    }
}
