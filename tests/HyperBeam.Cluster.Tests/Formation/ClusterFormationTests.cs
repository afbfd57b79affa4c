using HyperBeam.Cluster.Tests.Support;

namespace HyperBeam.Cluster.Tests.Formation;

public sealed class ClusterFormationTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Three_nodes_form_one_cluster_through_their_seed()
    {
        var nodes = await TestClusterNode.StartClusterAsync(3);
        try
        {
            await AwaitAssertAsync(() =>
            {
                foreach (var node in nodes) Members.AssertUp(node, nodes);
            }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
            // Fast (loopback) timings never down the whole cluster for flapping reachability: on a starved test
            // machine Akka's derived five-second guard once downed every member while a cluster was forming.
            Assert.Equal("off", nodes[0].System.Settings.Config.GetString("akka.cluster.split-brain-resolver.down-all-when-unstable"));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_that_lists_several_seeds_joins_through_any_that_is_up()
    {
        var first = FreePorts.Next();
        var absent = FreePorts.Next();
        await using var a = await TestClusterNode.StartAsync(TestClusterNode.OptionsFor(first, first));
        // The second seed is not running: the joiner must still get in through the first.
        await using var b = await TestClusterNode.StartAsync(TestClusterNode.OptionsFor(FreePorts.Next(), absent, first));
        await AwaitAssertAsync(() =>
        {
            Members.AssertUp(a, [a, b]);
            Members.AssertUp(b, [a, b]);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
    }
}
