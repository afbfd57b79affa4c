using HyperBeam.Cluster.Tests.Support;
using HyperBeam.Core.Messages;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Cluster.Tests.Storage;

public sealed class ClusterStoreTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_written_on_one_node_reads_whole_on_another()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        await AwaitFormedAsync(cluster);
        var message = Message.Of(("type", "Message"), ("data", "hello"), ("nested", Message.Of(("n", 42))));
        var id = await new MessageCache(cluster.StoreAt(0)).WriteAsync(message);

        var read = await new MessageCache(cluster.StoreAt(2)).ReadAsync(id);

        Assert.Equal(message, read);
    }

    [Fact]
    public async Task Each_write_is_kept_on_two_distinct_nodes()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        await AwaitFormedAsync(cluster);
        var store = cluster.StoreAt(1);
        for (var i = 0; i < 12; i++) await store.WriteAsync(StorePath.Of($"key-{i}", "v"), new[] { (byte)i });

        for (var i = 0; i < 12; i++)
        {
            var holders = 0;
            foreach (var backend in cluster.Backends)
                if (await backend.ReadAsync(StorePath.Of($"key-{i}", "v")) is { } bytes && bytes.SequenceEqual(new[] { (byte)i })) holders++;
            Assert.Equal(2, holders);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Stored_messages_stay_readable_with_any_single_node_down(int victim)
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        await AwaitFormedAsync(cluster);
        var writer = cluster.StoreAt((victim + 1) % 3);
        var ids = new List<(string Id, Message Message)>();
        for (var i = 0; i < 10; i++)
        {
            var message = Message.Of(("index", i), ("body", $"message {i}"));
            ids.Add((await new MessageCache(writer).WriteAsync(message), message));
        }

        await cluster.Nodes[victim].KillAsync();
        var survivors = cluster.Nodes.Where((_, i) => i != victim).ToList();
        cluster.Nodes.RemoveAt(victim);

        var reader = new MessageCache(cluster.StoreOf(survivors[^1]));
        await AwaitAssertAsync(async () =>
        {
            foreach (var (id, message) in ids) Assert.Equal(message, await reader.ReadAsync(id));
        }, Patience, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Links_into_another_shard_are_followed_there()
    {
        await using var cluster = await StoreCluster.StartAsync(2);
        await AwaitFormedAsync(cluster);
        var store = cluster.StoreAt(0);
        await store.WriteAsync(StorePath.Of("target", "value"), "linked"u8.ToArray());
        await store.MakeLinkAsync(StorePath.Of("target"), StorePath.Of("alias"));

        var other = cluster.StoreAt(1);
        Assert.Equal("linked"u8.ToArray(), await other.ReadAsync(StorePath.Of("alias", "value")));
        Assert.Equal(StorePath.Of("target", "value"), await other.ResolveAsync(StorePath.Of("alias", "value")));
        Assert.Equal(StoreEntryType.Composite, await other.TypeAsync(StorePath.Of("alias")));
        Assert.Equal(["value"], await other.ListAsync(StorePath.Of("alias")));
        Assert.Null(await other.ReadAsync(StorePath.Of("missing", "value")));
        Assert.Equal(StoreEntryType.NotFound, await other.TypeAsync(StorePath.Of("missing")));
    }

    [Fact]
    public async Task Store_faults_at_the_shard_come_back_as_store_exceptions()
    {
        await using var cluster = await StoreCluster.StartAsync(1);
        await AwaitFormedAsync(cluster);
        var store = cluster.StoreAt(0);
        await store.WriteAsync(StorePath.Of("a", "b"), new byte[] { 1 });

        // A value where a group is needed: the backend refuses, the caller gets a StoreException, nothing hangs.
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.WriteAsync(StorePath.Of("a", "b", "c"), new byte[] { 2 }));
        Assert.Equal(StoreErrorKind.Remote, e.Kind);
        await Assert.ThrowsAsync<StoreException>(async () => await store.ResetAsync());
    }

    [Fact]
    public async Task A_graceful_leave_hands_shards_off_without_losing_data()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        await AwaitFormedAsync(cluster);
        var writer = cluster.StoreAt(0);
        for (var i = 0; i < 12; i++) await writer.WriteAsync(StorePath.Of($"leave-{i}"), new[] { (byte)i });

        var leaver = cluster.Nodes[1];
        cluster.Nodes.RemoveAt(1);
        await leaver.LeaveAsync();

        await AwaitAssertAsync(() => Members.AssertUp(cluster.Nodes[0], cluster.Nodes), Patience, TimeSpan.FromMilliseconds(100));
        var reader = cluster.StoreAt(1);
        for (var i = 0; i < 12; i++) Assert.Equal(new[] { (byte)i }, await reader.ReadAsync(StorePath.Of($"leave-{i}")));
        // And the smaller cluster still takes writes.
        await reader.WriteAsync(StorePath.Of("after-leave"), new byte[] { 7 });
        Assert.Equal(new byte[] { 7 }, await writer.ReadAsync(StorePath.Of("after-leave")));
    }

    private Task AwaitFormedAsync(StoreCluster cluster) =>
        AwaitAssertAsync(() =>
        {
            foreach (var node in cluster.Nodes) Members.AssertUp(node, cluster.Nodes);
        }, Patience, TimeSpan.FromMilliseconds(50));
}
