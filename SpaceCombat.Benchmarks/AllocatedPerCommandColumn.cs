using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SpaceCombat.Benchmarks;

/// <summary>Bytes allocated per battle command (Allocated ÷ Commands/op): what each action leaves for gen0 to collect.</summary>
public sealed class AllocatedPerCommandColumn : IColumn
{
    public static IColumn Instance { get; } = new AllocatedPerCommandColumn();

    public string Id => nameof(AllocatedPerCommandColumn);
    public string ColumnName => "Allocated/command";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Bytes allocated per battle command (Allocated ÷ Commands/op)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (!CorpusColumn.PlaysCorpus(benchmarkCase) || report is null)
        {
            return "-";
        }
        var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is { } perOperation ? (perOperation / (double)BattleCorpus.CommandsPerOperation).ToString("N0", CultureInfo.InvariantCulture) + " B" : "?";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(CorpusColumn.PlaysCorpus);
}
