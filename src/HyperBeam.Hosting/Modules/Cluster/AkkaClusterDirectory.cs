using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using HyperBeam.Devices.Hyperbuddy;

namespace HyperBeam.Hosting.Modules.Cluster;

/// <summary>
/// The cluster as Akka.Cluster sees it from this node: the members in the current gossip, and for every shard region
/// started here (<c>process</c>, <c>store</c>) how many shards each member (<see cref="MemberKey"/>) hosts, from the regions' cluster-wide stats.
/// A region that does not answer in time (e.g. during a partition) is reported with what is known: nothing.
/// </summary>
internal sealed class AkkaClusterDirectory(ActorSystem system, TimeSpan statsTimeout) : IClusterDirectory
{
    public async Task<ClusterView> DescribeAsync(CancellationToken cancellationToken = default)
    {
        var state = Akka.Cluster.Cluster.Get(system).State;
        var members = state.Members
            .Select(m => new ClusterMember(m.Address.ToString(), Status(m, state), [.. m.Roles.Order(StringComparer.Ordinal)]))
            .ToList();
        var sharding = ClusterSharding.Get(system);
        var shards = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var typeName in sharding.ShardTypeNames.Order(StringComparer.Ordinal))
            shards[typeName] = await ShardsPerMemberAsync(sharding.ShardRegion(typeName), cancellationToken).ConfigureAwait(false);
        return new ClusterView(members, shards);
    }

    private async Task<IReadOnlyDictionary<string, int>> ShardsPerMemberAsync(IActorRef region, CancellationToken cancellationToken)
    {
        try
        {
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(statsTimeout), statsTimeout + statsTimeout, cancellationToken)
                .ConfigureAwait(false);
            return stats.Regions.ToDictionary(r => MemberKey(r.Key), r => r.Value.Stats.Count, StringComparer.Ordinal);
        }
        catch (AskTimeoutException)
        {
            return new Dictionary<string, int>();
        }
    }

    /// <summary>
    /// A member as a message key, <c>host-port</c>: full addresses (<c>akka.tcp://…</c>) are not keys the HTTP
    /// encoding carries (ao-types names keys as structured-field keys).
    /// </summary>
    public static string MemberKey(Address address) => $"{address.Host}-{address.Port}";

    /// <summary>The member's status in lower case, <c>unreachable</c> when this node's failure detector says so.</summary>
    private static string Status(Member member, ClusterEvent.CurrentClusterState state) =>
        state.Unreachable.Contains(member) ? "unreachable" : member.Status.ToString().ToLowerInvariant();
}
