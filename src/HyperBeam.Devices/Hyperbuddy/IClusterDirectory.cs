namespace HyperBeam.Devices.Hyperbuddy;

/// <summary>
/// The cluster as this node sees it, for <c>/~meta@1.0/cluster</c> and the dashboard. The cluster layer provides it by
/// registering an implementation in the host's services; without one the node reports itself alone.
/// </summary>
public interface IClusterDirectory
{
    Task<ClusterView> DescribeAsync(CancellationToken cancellationToken = default);
}

/// <summary>Members with their status and roles, and how many shards of each region each member holds.</summary>
public sealed record ClusterView(IReadOnlyList<ClusterMember> Members, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ShardsByRegion);

/// <summary>One member: its address, status (<c>up</c>, <c>joining</c>, …) and roles.</summary>
public sealed record ClusterMember(string Address, string Status, IReadOnlyList<string> Roles);
