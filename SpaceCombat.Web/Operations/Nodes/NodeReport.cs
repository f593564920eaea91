namespace SpaceCombat.Web.Operations.Nodes;

/// <summary>What one node says of itself to the cluster: its name, its silo, its open circuits, and until when this holds.</summary>
[Orleans.Immutable]
public sealed record NodeReport(string Silo, string NodeId, long Circuits, DateTimeOffset Until);

/// <summary>One node (silo) of the cluster as the admin dashboard lists it. Circuits is null until the node has reported.</summary>
[Orleans.Immutable]
public sealed record NodeSummary(string NodeId, string Silo, int Battles, long? Circuits, bool IsThisNode);
