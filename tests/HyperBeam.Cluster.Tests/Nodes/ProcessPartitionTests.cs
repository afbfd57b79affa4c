using System.Collections.Concurrent;
using System.Net;
using HyperBeam.Cluster.Tests.Support;
using HyperBeam.Tests.Shared;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>
/// The network between the node hosting a busy process and the other two is cut (remoting blackholed both ways),
/// while clients on both sides keep scheduling and both sides still reach the shared PostgreSQL journal. Keep-majority
/// downs the cut-off node (it stops itself); the process resumes on the majority. Whatever either side acknowledged
/// stands, at the slot it was told, on one hash chain: never two owners writing two histories.
/// </summary>
public sealed class ProcessPartitionTests(StrangerWallet client) : IClassFixture<StrangerWallet>
{
    private static readonly TimeSpan Generous = ClusterWithProcess.Patience;

    [Fact]
    public async Task A_process_whose_node_is_cut_off_carries_on_at_the_majority_with_every_acknowledged_slot_on_one_chain()
    {
        await using var cluster = await ClusterWithProcess.StartAsync(client.Wallet, 3, partitionable: true);
        var (http, pid, isolated, majority) = (cluster.Http, cluster.ProcessId, cluster.Host, cluster.Others);
        var acknowledged = new ConcurrentDictionary<int, (long Slot, ClusterHttpNode By)>();
        var refusals = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        // One client per node, the cut-off one included: its node keeps answering until it has downed itself.
        var clients = cluster.Nodes.Select((node, c) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && !node.System.WhenTerminated.IsCompleted; i++)
            {
                var n = c * 1_000_000 + i;
                try
                {
                    var (status, reply) = await ScheduleAsync(node.Client, http.NewMessage(pid, n));
                    if (status == HttpStatusCode.OK) acknowledged[n] = (Integer(reply, "slot"), node);
                    else refusals.Add(status);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException)
                {
                    // Refused or cut off: a client retries with a new message, as the next loop does.
                    await Task.Delay(20);
                }
            }
        })).ToList();

        await Eventually.AssertAsync(() => Assert.True(acknowledged.Count >= 6), Generous);
        await NetworkCut.IsolateAsync(isolated.System, majority.Select(n => n.System));

        // Keep-majority: the two down the unreachable one; the lone node downs itself and its actor system stops.
        await isolated.System.WhenTerminated.WaitAsync(Generous);
        await ClusteredNodeTests.AllUpAsync(majority);
        var atTermination = acknowledged.Values.Count(a => a.By != isolated);
        await Eventually.AssertAsync(
            () => Assert.True(acknowledged.Values.Count(a => a.By != isolated) >= atTermination + 10, $"{acknowledged.Count} acknowledged"),
            Generous);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Single(await cluster.HostsAmongAsync(majority));                     // exactly one owner
        var assignments = await ScheduleReader.ReadAllAsync(majority[0], pid, Generous);
        Assert.All(refusals, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));    // "come back later"
        ScheduleChecks.EveryAcknowledgedSlotStands(assignments,
            acknowledged.Select(a => KeyValuePair.Create(a.Key, (a.Value.Slot, a.Value.By == isolated ? "the cut-off node" : "the majority"))));
    }
}
