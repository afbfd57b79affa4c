using Akka.Actor;
using HyperBeam.Cluster.Tests.Failover;
using HyperBeam.Cluster.Tests.Support;

namespace HyperBeam.Cluster.Tests.Partition;

public sealed class PartitionTests : Akka.TestKit.Xunit2.TestKit
{
    private const int SlotsPerSide = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_cut_off_from_the_other_two_downs_itself_and_its_entity_resumes_on_the_majority_without_a_gap()
    {
        await using var cluster = await PartitionableCluster.StartAsync(3);
        await AwaitFormedAsync(cluster.Nodes);
        var counter = Guid.NewGuid().ToString("N");
        var before = Enumerable.Range(0, SlotsPerSide).Select(i => $"before-{i}").ToList();
        foreach (var request in before) await TakeAsync(cluster.RegionOf(cluster.Nodes[0]), counter, request);

        // Cut off the entity's host, so the majority has to take the entity over while the old host still runs.
        var isolated = (await cluster.HostsOfAsync(counter, cluster.Nodes)).Single();
        var majority = cluster.Nodes.Where(n => n != isolated).ToList();
        await cluster.IsolateAsync(isolated);

        // Keep-majority: the two down the unreachable one and carry on; the lone node downs itself and stops.
        await AwaitFormedAsync(majority);
        await isolated.System.WhenTerminated.WaitAsync(Patience);

        var after = Enumerable.Range(0, SlotsPerSide).Select(i => $"after-{i}").ToList();
        var acks = new List<SlotTaken>();
        for (var i = 0; i < after.Count; i++) acks.Add(await TakeAsync(cluster.RegionOf(majority[i % majority.Count]), counter, after[i]));

        var history = (await AskWithRetryAsync<SlotHistory>(cluster.RegionOf(majority[0]), new GetSlots(counter))).RequestsBySlot;
        Assert.Equal(before.Concat(after), history);                               // gapless, nothing lost or repeated
        Assert.Equal(Enumerable.Range(SlotsPerSide, SlotsPerSide).Select(i => (long)i), acks.Select(a => a.Slot));
        Assert.All(acks, a => Assert.NotEqual(isolated.Address.ToString(), a.Node)); // served by the majority
        Assert.Single(await cluster.HostsOfAsync(counter, majority));               // exactly one owner
    }

    private Task AwaitFormedAsync(IReadOnlyList<TestClusterNode> nodes) =>
        AwaitAssertAsync(() =>
        {
            foreach (var node in nodes) Members.AssertUp(node, nodes);
        }, Patience, TimeSpan.FromMilliseconds(50));

    private static Task<SlotTaken> TakeAsync(IActorRef region, string counter, string request) =>
        SlotCounterClient.TakeAsync(region, counter, request, Patience);

    private static Task<T> AskWithRetryAsync<T>(IActorRef region, object command) =>
        SlotCounterClient.AskWithRetryAsync<T>(region, command, Patience);
}
