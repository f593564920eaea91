namespace SpaceCombat.Web.Battles.Cluster;

/// <summary>
/// Whether this server is the cluster's senior node: the active member that started first. Cluster-wide chores that
/// need doing once, not once per node (bringing back every battle, pruning), run on the senior node only. Alone (the
/// single-server silo) a server is always senior. Two nodes may both believe it for a moment while they learn of each
/// other; the chores are idempotent (a battle's grain applies each deadline once), so that costs only repeated calls.
/// </summary>
public sealed class ClusterSeniority
{
    private readonly Func<bool> _isSenior;

    public ClusterSeniority(IClusterMembershipService membership, ILocalSiloDetails local)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(local);
        _isSenior = () => IsSeniorIn(membership.CurrentSnapshot, local.SiloAddress);
    }

    /// <summary>A seniority decided by the caller (tests of the chores).</summary>
    internal ClusterSeniority(Func<bool> isSenior) => _isSenior = isSenior;

    /// <summary>A server with no cluster around it.</summary>
    public static ClusterSeniority Alone { get; } = new(() => true);

    public bool IsSenior => _isSenior();

    /// <summary>Whether <paramref name="local"/> is the active member with the earliest generation (start time) in <paramref name="snapshot"/>.</summary>
    public static bool IsSeniorIn(ClusterMembershipSnapshot snapshot, SiloAddress local)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        SiloAddress? senior = null;
        foreach (var member in snapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && (senior is null || IsOlder(member.SiloAddress, senior)))
            {
                senior = member.SiloAddress;
            }
        }
        return senior is null || senior.Equals(local);
    }

    /// <summary>The earlier generation; between equals the lower address, so every node picks the same one.</summary>
    private static bool IsOlder(SiloAddress candidate, SiloAddress than) =>
        candidate.Generation != than.Generation
            ? candidate.Generation < than.Generation
            : string.CompareOrdinal(candidate.ToParsableString(), than.ToParsableString()) < 0;
}
