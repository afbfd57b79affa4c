using System.Net;
using Akka.Cluster;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>
/// Whole nodes clustered by configuration (hyperbeam.cluster on): three Kestrel nodes, one cluster, one PostgreSQL
/// journal. What one node schedules, any other computes and serves.
/// </summary>
public sealed class ClusteredNodeTests(StrangerWallet client) : IClassFixture<StrangerWallet>
{
    private static readonly TimeSpan Formation = TimeSpan.FromSeconds(60);

    private readonly Wallet _client = client.Wallet;

    internal static async Task AllUpAsync(IReadOnlyList<ClusterHttpNode> nodes)
    {
        foreach (var node in nodes)
            await Eventually.AssertAsync(() => Assert.Equal(nodes.Count, node.Cluster.State.Members.Count(m => m.Status == MemberStatus.Up)), Formation);
    }

    [Fact]
    public async Task Nodes_of_a_cluster_with_its_own_system_name_run_under_that_name_and_join()
    {
        var nodes = await ClusterHttpNode.StartClusterAsync(2, "hyperbeam.cluster.system-name = hb-testnet");
        try
        {
            await AllUpAsync(nodes);
            Assert.All(nodes, node => Assert.Equal("hb-testnet", node.System.Name));
            Assert.All(nodes[0].Cluster.State.Members, member => Assert.Equal("hb-testnet", member.Address.System));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_process_created_and_scheduled_through_node_A_is_computed_and_read_through_node_C()
    {
        var nodes = await ClusterHttpNode.StartClusterAsync(3);
        try
        {
            await AllUpAsync(nodes);
            var (a, c) = (nodes[0], nodes[2]);
            var http = new ProcessHttp(_client);
            var process = http.NewProcess();
            var pid = IdOf(process);

            var (status, created) = await CreateAsync(a.Client, process);
            Assert.True(status == HttpStatusCode.OK, created.GetText("body"));
            Assert.Equal(0, Integer(created, "slot"));
            for (var n = 1; n <= 5; n++)
            {
                var (s, assignment) = await ScheduleAsync(a.Client, http.NewMessage(pid, n));
                Assert.True(s == HttpStatusCode.OK, assignment.GetText("body"));
                Assert.Equal(n, Integer(assignment, "slot"));
            }

            Assert.Equal(5, Integer(await GetOkAsync(c.Client, $"/~scheduler@1.0/slot?target={pid}"), "current"));
            // The process message itself was written on A; C loads it by ID through the cluster store.
            var state = await GetOkAsync(c.Client, $"/{pid}~process@1.0/compute&slot=5");
            Assert.Equal(5, Integer(state, "at-slot"));
            var schedule = await GetOkAsync(c.Client, $"/~scheduler@1.0/schedule?target={pid}&from=0&to=10");
            Assert.Equal(6, schedule.GetMessage("assignments")!.Count);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Meta_cluster_shows_every_member_and_where_the_shards_are()
    {
        var nodes = await ClusterHttpNode.StartClusterAsync(2);
        try
        {
            await AllUpAsync(nodes);
            var http = new ProcessHttp(_client);
            Assert.Equal(HttpStatusCode.OK, (await CreateAsync(nodes[0].Client, http.NewProcess())).Status);

            await Eventually.AssertAsync(async () =>
            {
                var view = await GetOkAsync(nodes[1].Client, "/~meta@1.0/cluster");
                var members = view.Get("members") switch
                {
                    AoList list => list.Items.Cast<Message>().ToList(),
                    Message m => m.Keys.Select(k => m.GetMessage(k)!).ToList(),
                    var other => throw new InvalidOperationException($"members is {other}"),
                };
                Assert.Equal(
                    nodes.Select(n => n.Cluster.SelfAddress.ToString()).Order(),
                    members.Select(m => m.GetText("address")!).Order());
                Assert.All(members, m => Assert.Equal("up", m.GetText("status")));
                var shards = view.GetMessage("shards")!;
                // The process just created lives in one shard of the process region, on one of the members.
                var process = shards.GetMessage("process")!;
                Assert.Equal(1, process.Keys.Sum(k => Integer(process, k)));
                Assert.Subset(nodes.Select(n => $"{n.Cluster.SelfAddress.Host}-{n.Cluster.SelfAddress.Port}").ToHashSet(), process.Keys.ToHashSet());
                Assert.NotNull(shards.GetMessage("store"));
            }, Formation);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
