using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SpaceCombat.Benchmarks;

/// <summary>A column computed from the corpus and the measured mean: commands per operation, battles per operation, or commands per second.</summary>
public sealed class CorpusColumn(string name, Func<double?, string> value, bool needsMean) : IColumn
{
    public static IColumn CommandsPerOp { get; } =
        new CorpusColumn("Commands/op", _ => BattleCorpus.CommandsPerOperation.ToString(CultureInfo.InvariantCulture), false);

    public static IColumn BattlesPerOp { get; } =
        new CorpusColumn("Battles/op", _ => BattleCorpus.BattlesPerOperation.ToString(CultureInfo.InvariantCulture), false);

    public static IColumn CommandsPerSecond { get; } =
        new CorpusColumn("Commands/s", meanNs => meanNs is > 0 ? (BattleCorpus.CommandsPerOperation / (meanNs.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "?", true);

    public string Id => $"{nameof(CorpusColumn)}.{ColumnName}";
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => ColumnName switch
    {
        "Commands/op" => "Battle commands executed per operation (the whole corpus)",
        "Battles/op" => "Battles played per operation",
        _ => "Battle commands executed per second (Commands/op ÷ Mean)",
    };

    // The corpus is what EngineBenchmarks and WebSideBenchmarks play; other benchmarks (RestoreBenchmarks) get no figure from it.
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        !PlaysCorpus(benchmarkCase) ? "-" : value(needsMean ? summary[benchmarkCase]?.ResultStatistics?.Mean : null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(PlaysCorpus);

    internal static bool PlaysCorpus(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.Type == typeof(EngineBenchmarks) || benchmarkCase.Descriptor.Type == typeof(WebSideBenchmarks);
}
