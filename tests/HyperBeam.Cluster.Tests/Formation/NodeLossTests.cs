using Akka.Cluster;
using HyperBeam.Cluster.Tests.Support;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Tests.Formation;

public sealed class NodeLossTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_that_dies_without_leaving_is_downed_by_the_majority_and_the_store_keeps_serving()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        await AwaitFormedAsync(cluster.Nodes);
        await cluster.StoreAt(0).WriteAsync(StorePath.Of("before-crash"), new byte[] { 1 });

        var victim = cluster.Nodes[2];
        cluster.Nodes.RemoveAt(2);
        await victim.KillAsync();

        // Keep-majority: the two survivors are the majority; they down the silent one and carry on as a cluster.
        await AwaitFormedAsync(cluster.Nodes);
        Assert.Equal(new byte[] { 1 }, await cluster.StoreAt(1).ReadAsync(StorePath.Of("before-crash")));
        await cluster.StoreAt(1).WriteAsync(StorePath.Of("after-crash"), new byte[] { 2 });
        Assert.Equal(new byte[] { 2 }, await cluster.StoreAt(0).ReadAsync(StorePath.Of("after-crash")));
    }

    [Fact]
    public async Task A_node_downed_by_an_operator_leaves_the_membership_and_stops()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        await AwaitFormedAsync(cluster.Nodes);
        var downed = cluster.Nodes[1];
        cluster.Nodes.RemoveAt(1);

        cluster.Nodes[0].Cluster.Down(downed.Address);

        await AwaitFormedAsync(cluster.Nodes);
        // A downed node runs its coordinated shutdown (akka.cluster.run-coordinated-shutdown-when-down).
        await downed.System.WhenTerminated.WaitAsync(Patience);
        await downed.DisposeAsync();
        Assert.DoesNotContain(cluster.Nodes[1].Cluster.State.Members, m => m.Address.Equals(downed.Address) && m.Status == MemberStatus.Up);
    }

    private Task AwaitFormedAsync(IReadOnlyList<TestClusterNode> nodes) =>
        AwaitAssertAsync(() =>
        {
            foreach (var node in nodes) Members.AssertUp(node, nodes);
        }, Patience, TimeSpan.FromMilliseconds(50));
}
