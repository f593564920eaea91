namespace SpaceCombat.Web.Operations.Nodes;

/// <summary>
/// Keeps the latest report of each silo in memory only: should its own silo go, the grain comes back empty elsewhere and
/// is filled again within one report interval. Reports past their time are dropped, so a dead node leaves the roll.
/// </summary>
public sealed class NodeRosterGrain(TimeProvider time) : Grain, INodeRosterGrain
{
    /// <summary>More nodes than any cluster of ours has: a bound on what the roll holds.</summary>
    public const int MaxNodes = 1024;

    private readonly Dictionary<string, NodeReport> _reports = new(StringComparer.Ordinal);

    public Task ReportAsync(NodeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        DropExpired();
        if (_reports.ContainsKey(report.Silo) || _reports.Count < MaxNodes)
        {
            _reports[report.Silo] = report;
        }
        return Task.CompletedTask;
    }

    public Task<NodeReport[]> ListAsync()
    {
        DropExpired();
        return Task.FromResult(_reports.Values.ToArray());
    }

    private void DropExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (silo, report) in _reports)
        {
            if (report.Until < now)
            {
                _reports.Remove(silo);
            }
        }
    }
}
