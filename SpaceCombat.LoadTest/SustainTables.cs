using System.Globalization;
using System.Text;
using Spectre.Console;
using static SpaceCombat.LoadTest.LoadRunner;

namespace SpaceCombat.LoadTest;

/// <summary>A --sustain run's figures by minute, as a console table and as Markdown.</summary>
public static class SustainTables
{
    private static readonly string[] Columns =
    [
        "minute", "battles in play avg (max)", "arrivals/s", "actions/s", "click→update p50 / p95 / p99 ms (clicks)",
        ExcludingPausesColumn, "page→interactive p50 / p95 ms (pages)", "server CPU %", ServerCpuPerActionColumn, "working set avg / max MB", "heap avg / max MB",
        HeapInUseColumn, "GC pause s", "JIT s", "generator GC pause s", "battles ended: completed / failed",
    ];

    internal const string ServerCpuPerActionColumn = "server CPU ms per action (host speed: same code, mix and battles, more is slower)";

    internal const string HeapInUseColumn = "heap in use avg MB (less its free space)";

    /// <summary>Beside the all-clicks figure, which stays the measure: the clicks a generator pause overlapped were timed partly on the generator.</summary>
    internal const string ExcludingPausesColumn = "click→update p95 / p99 ms excluding clicks that spanned a generator GC pause (share that spanned one)";

    public static Table Console(SustainReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(Title(report)));
        table.AddColumns(Columns);
        foreach (var window in report.Minutes.Append(report.Held).Append(report.Whole))
        {
            table.AddRow([.. Cells(window).Select(Markup.Escape)]);
        }
        return table;
    }

    public static string Markdown(SustainReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### {Title(report)}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{report.Arrivals} arrivals; the first battle ended at {(report.FirstBattleEndedAtSeconds is { } s ? F(s, "F0") + " s" : "— (none ended)")}, and {report.ArrivalsAfterFirstBattleEnded} pairs arrived after it. Minutes marked * came after the window closed (no arrivals, the battles in flight playing out). \"held\" is the window alone (battles held, pairs arriving); \"all\" adds the play-out.").AppendLine();
        md.AppendLine("| " + string.Join(" | ", Columns) + " |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", Columns.Length - 1)));
        foreach (var window in report.Minutes.Append(report.Held).Append(report.Whole))
        {
            md.AppendLine("| " + string.Join(" | ", Cells(window)) + " |");
        }
        return md.ToString();
    }

    private static string Title(SustainReport report) =>
        $"{report.HeldBattles} battles held for {F(report.WindowSeconds, "F0")} s{(report.ArrivalRateCap is { } cap ? $" (arrivals at most {F(cap, "0.##")}/s)" : "")}, then {F(report.PlayOutSeconds, "F0")} s of play-out";

    /// <summary>"p95 / p99 (share %)" over the clicks no generator pause overlapped.</summary>
    internal static string ExcludingPauses(GeneratorPauseFigures figures) =>
        $"{F(figures.LatencyP95ExcludingPausesMs)} / {F(figures.LatencyP99ExcludingPausesMs)} ({F(figures.ClicksSpanningPausePercent)} %)";

    private static IEnumerable<string> Cells(SustainWindow w) =>
    [
        w.Name is "all" or "held" ? w.Name : w.Name + (w.Arriving ? "" : "*"),
        $"{F(w.BattlesInPlayAvg, "F0")} ({F(w.BattlesInPlayMax, "F0")})",
        F(w.ArrivalsPerSecond, "F2"),
        F(w.ActionsPerSecond),
        $"{F(w.LatencyP50Ms)} / {F(w.LatencyP95Ms)} / {F(w.LatencyP99Ms)} ({w.Clicks})",
        ExcludingPauses(w.GeneratorPauses),
        $"{F(w.PageInteractiveP50Ms, "F0")} / {F(w.PageInteractiveP95Ms, "F0")} ({w.PagesOpened})",
        F(w.ServerCpuPercent, "F0"),
        F(w.ServerCpuMsPerAction, "F2"),
        $"{F(w.WorkingSetAvgMb, "F0")} / {F(w.WorkingSetMaxMb, "F0")}",
        $"{F(w.HeapAvgMb, "F0")} / {F(w.HeapMaxMb, "F0")}",
        F(w.HeapInUseAvgMb, "F0"),
        F(w.GcPauseSeconds, "F2"),
        F(w.JitSeconds, "F2"),
        F(w.GeneratorPauses.PauseSeconds, "F2"),
        $"{w.BattlesCompleted} / {w.BattlesFailed}",
    ];
}
