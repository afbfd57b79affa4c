using System.Collections.Concurrent;
using System.Net;
using HyperBeam.Tests.Shared;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>
/// The node hosting a busy process dies without a word (actor system aborted, no leave) while clients keep
/// scheduling through the other nodes: the survivors down it, the process restarts on one of them from the shared
/// PostgreSQL journal, and the schedule has every acknowledged slot exactly once on an unbroken hash chain.
/// </summary>
public sealed class ProcessNodeFailoverTests(StrangerWallet client) : IClassFixture<StrangerWallet>
{
    private static readonly TimeSpan Generous = ClusterWithProcess.Patience;

    [Fact]
    public async Task A_busy_process_survives_the_crash_of_its_node_with_no_slot_lost_or_duplicated()
    {
        await using var cluster = await ClusterWithProcess.StartAsync(client.Wallet, 3);
        var (http, pid, host, survivors) = (cluster.Http, cluster.ProcessId, cluster.Host, cluster.Others);
        var acknowledged = new ConcurrentDictionary<int, long>();
        var refusals = new ConcurrentBag<HttpStatusCode>();
        var unreachable = 0;
        using var stop = new CancellationTokenSource();
        var clients = survivors.Select((node, c) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var n = c * 1_000_000 + i;
                try
                {
                    var (status, reply) = await ScheduleAsync(node.Client, http.NewMessage(pid, n));
                    if (status == HttpStatusCode.OK) acknowledged[n] = Integer(reply, "slot");
                    else refusals.Add(status);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref unreachable);
                }
            }
        })).ToList();

        await Eventually.AssertAsync(() => Assert.True(acknowledged.Count >= 5), Generous);
        await host.CrashAsync();
        var beforeCrash = acknowledged.Count;
        // Scheduling goes on once the process has moved to a survivor.
        await Eventually.AssertAsync(() => Assert.True(acknowledged.Count >= beforeCrash + 10, $"{acknowledged.Count} acknowledged, {refusals.Count} refused, {unreachable} unreachable"), Generous);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Contains(await ClusterWithProcess.HostOfAsync(survivors, pid), survivors);
        var assignments = await ScheduleReader.ReadAllAsync(survivors[0], pid, Generous);
        // While the process moved, a client was told to come back later (503), never anything else.
        Assert.All(refusals, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        ScheduleChecks.EveryAcknowledgedSlotStands(assignments, acknowledged.Select(a => KeyValuePair.Create(a.Key, (a.Value, "a survivor"))));
    }
}
