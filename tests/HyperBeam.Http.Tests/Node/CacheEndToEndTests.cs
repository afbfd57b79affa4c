using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Storage;
using HyperBeam.Storage.RemoteNode;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>The node's cache over HTTP: cache@1.0, lookup@1.0, IDs in paths, only-if-cached, and a remote-node store.</summary>
public sealed class CacheEndToEndTests
{
    private static Func<Message, Message> Writers(Wallet writer, params string[] cacheControl) => node =>
        node.Set("cache_writers", AoList.Of(AoBinary.FromString(writer.Address)))
            .Set("cache_control", new AoList(cacheControl.Select(c => (AoValue)AoBinary.FromString(c))));

    [Fact]
    public async Task A_written_message_is_readable_by_ID_through_cache_lookup_and_the_path()
    {
        using var writer = Wallet.Create();
        await using var node = await TestNode.StartAsync(nodeMessage: Writers(writer));
        var message = Message.Of(("greeting", "hello"), ("n", 7));
        using var client = new RemoteNodeClient(node.Node.Url);
        var written = await client.WriteAsync(message, null, writer);
        var id = written.GetText("id")!;

        var viaCache = await HttpMessages.DecodeReplyAsync(await node.Client.GetAsync($"/~cache@1.0/read?target={id}"));
        Assert.Equal("hello", viaCache.GetText("greeting"));
        var viaLookup = await node.Client.GetAsync($"/~lookup@1.0/read?target={id}");
        Assert.Equal(HttpStatusCode.OK, viaLookup.StatusCode);
        var viaPath = await node.Client.GetAsync($"/{id}/greeting");
        Assert.Equal(HttpStatusCode.OK, viaPath.StatusCode);
        Assert.Equal("hello", await viaPath.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_IDs_are_404_from_cache_and_lookup()
    {
        await using var node = await TestNode.StartAsync();
        var missing = new string('A', 43);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync($"/~cache@1.0/read?target={missing}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync($"/~lookup@1.0/read?target={missing}")).StatusCode);
    }

    [Fact]
    public async Task A_strangers_write_is_403()
    {
        using var writer = Wallet.Create();
        using var stranger = Wallet.Create();
        await using var node = await TestNode.StartAsync(nodeMessage: Writers(writer));
        using var client = new RemoteNodeClient(node.Node.Url);
        var e = await Assert.ThrowsAsync<StoreException>(() => client.WriteAsync(Message.Of(("a", "b")), null, stranger));
        Assert.Contains("403", e.Message);
        var unsigned = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, "/~cache@1.0/write", Message.Of(("body", Message.Of(("a", "b"))))));
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
    }

    [Fact]
    public async Task A_write_that_a_process_pushed_is_403_even_when_a_cache_writer_key_signed_it()
    {
        using var writer = Wallet.Create();
        await using var node = await TestNode.StartAsync(nodeMessage: Writers(writer));
        var write = Message.Of(("body", Message.Of(("a", "b"))));

        // push@1.0 signs what a process wrote with the node's key, from-process covered: the content is the process's.
        var pushed = HttpSigCommitments.Commit(write.Set("from-process", new string('p', 43)), writer);
        using var refused = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, "/~cache@1.0/write", pushed));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var accepted = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, "/~cache@1.0/write", HttpSigCommitments.Commit(write, writer)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Only_if_cached_for_something_never_computed_is_504()
    {
        // HyperBEAM applies only-if-cached only where lookups are on: the node here looks up (cache).
        await using var node = await TestNode.StartAsync(nodeMessage: node => node.Set("cache_control", AoList.Of(AoBinary.FromString("cache"))));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/~meta@1.0/info/port");
        request.Headers.TryAddWithoutValidation("cache-control", "only-if-cached");
        var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task A_node_with_a_remote_node_store_reads_another_nodes_cache()
    {
        using var writer = Wallet.Create();
        await using var a = await TestNode.StartAsync(nodeMessage: Writers(writer));
        using (var client = new RemoteNodeClient(a.Node.Url))
        {
            await using var remote = new RemoteNodeStore(client, writer, ownsClient: false);
            var id = await remote.WriteMessageAsync(Message.Of(("shared", "across nodes")));
            await using var b = await TestNode.StartAsync(configure: o => o with
            {
                Stores = [new StoreOptions { Type = StoreTypes.Memory }, new StoreOptions { Type = StoreTypes.RemoteNode, Url = a.Node.Url.ToString() }],
            });
            var viaB = await b.Client.GetAsync($"/{id}/shared");
            Assert.Equal(HttpStatusCode.OK, viaB.StatusCode);
            Assert.Equal("across nodes", await viaB.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_invalid_store_stops_start_up_naming_the_key()
    {
        var e = await Assert.ThrowsAsync<NodeConfigurationException>(() => TestNode.StartAsync(configure: o => o with
        {
            Stores = [new StoreOptions { Type = "tape" }],
        }));
        Assert.Contains("hyperbeam.store[0].type", e.Message);
        Assert.Contains("tape", e.Message);
        Assert.Contains("rocksdb", e.Message);
    }
}
