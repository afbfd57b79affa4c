using Akka.Actor;
using Akka.Cluster;
using HyperBeam.Core.Observability;

namespace HyperBeam.Hosting.Modules.Cluster;

/// <summary>Keeps the <c>hyperbeam_cluster_members</c> metric at the number of members this node sees up.</summary>
public sealed class ClusterMembersGauge : ReceiveActor
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    public ClusterMembersGauge()
    {
        Receive<ClusterEvent.CurrentClusterState>(state => Publish(state.Members));
        Receive<ClusterEvent.IMemberEvent>(_ => Publish(_cluster.State.Members));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterMembersGauge());

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private static void Publish(IEnumerable<Member> members) =>
        HyperBeamMetrics.ClusterMembers(members.Count(m => m.Status == MemberStatus.Up));
}
