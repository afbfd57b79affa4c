using System.Collections.Concurrent;
using Akka.Actor;
using HyperBeam.Cluster.Tests.Support;

namespace HyperBeam.Cluster.Tests.Failover;

public sealed class ProcessFailoverTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Clients = 2, RequestsPerClient = 15, KillAfterAcks = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_busy_entity_whose_node_dies_resumes_elsewhere_from_the_journal_without_losing_or_repeating_a_slot()
    {
        await using var cluster = await FailoverCluster<SlotCounterEntity>.StartAsync(3, "counter", SlotCounterEntity.Props, SlotCounterEntity.Extractor);
        await AwaitAssertAsync(() =>
        {
            foreach (var node in cluster.Nodes) Members.AssertUp(node, cluster.Nodes);
        }, Patience, TimeSpan.FromMilliseconds(50));
        var counter = Guid.NewGuid().ToString("N");
        var first = await TakeAsync(cluster.RegionOf(cluster.Nodes[0]), counter, "first");
        var host = await cluster.HostOfAsync(counter) ?? throw new InvalidOperationException("the counter answered but no region hosts it");
        var clientNodes = cluster.Nodes.Where(n => n != host).ToList();

        var acks = new ConcurrentBag<SlotTaken>();
        var acked = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var region = cluster.RegionOf(clientNodes[c % clientNodes.Count]);
            for (var j = 0; j < RequestsPerClient; j++)
            {
                acks.Add(await TakeAsync(region, counter, $"client{c}-{j}"));
                if (Interlocked.Increment(ref acked) == KillAfterAcks) killNow.TrySetResult();
            }
        })).ToList();

        await killNow.Task.WaitAsync(Patience);
        var deadAddress = host.Address.ToString();
        cluster.Nodes.Remove(host);
        await host.KillAsync();
        await Task.WhenAll(clients).WaitAsync(Patience);

        var history = (await AskWithRetryAsync<SlotHistory>(cluster.RegionOf(cluster.Nodes[0]), new GetSlots(counter))).RequestsBySlot;
        var expected = new[] { "first" }.Concat(Enumerable.Range(0, Clients).SelectMany(c => Enumerable.Range(0, RequestsPerClient).Select(j => $"client{c}-{j}"))).ToHashSet();
        Assert.True(expected.Count == history.Count, $"history [{string.Join(",", history)}] acks [{string.Join(",", acks.OrderBy(a => a.Slot).Select(a => $"{a.RequestId}@{a.Slot}@{a.Node}"))}] dead {deadAddress}"); // no slot lost, none extra
        Assert.Equal(history.Count, history.Distinct().Count());    // no request took two slots
        Assert.True(expected.SetEquals(history));
        Assert.Equal(0, first.Slot);
        foreach (var ack in acks) Assert.Equal(ack.RequestId, history[(int)ack.Slot]); // every answer a client got stands
        Assert.Contains(acks, a => a.Node != deadAddress);          // the entity really moved
    }

    private static Task<SlotTaken> TakeAsync(IActorRef region, string counter, string request) =>
        SlotCounterClient.TakeAsync(region, counter, request, Patience);

    private static Task<T> AskWithRetryAsync<T>(IActorRef region, object command) =>
        SlotCounterClient.AskWithRetryAsync<T>(region, command, Patience);
}
