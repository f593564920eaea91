namespace SpaceCombat.Web.Operations.Nodes;

/// <summary>
/// The cluster's roll of node reports (one grain, key 0): each node tells it what only that node knows (its name and its
/// circuits), every <see cref="NodeReporter.Interval"/>, and a report that is not renewed runs out.
/// </summary>
public interface INodeRosterGrain : IGrainWithIntegerKey
{
    Task ReportAsync(NodeReport report);

    /// <summary>The reports that have not run out.</summary>
    Task<NodeReport[]> ListAsync();
}
