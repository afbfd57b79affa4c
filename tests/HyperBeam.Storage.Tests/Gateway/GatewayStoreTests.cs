using System.Net;
using System.Security.Cryptography;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage.Gateway;
using Microsoft.Extensions.Logging;
using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Gateway;

public sealed class GatewayStoreTests : IAsyncLifetime
{
    private LoopbackGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await LoopbackGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private GatewayStore NewStore(MessageCache? writeThrough = null, ILogger<GatewayStore>? logger = null) =>
        new(new GatewayClient(_gateway.Url), writeThrough, logger);

    [Fact]
    public async Task An_id_reads_as_the_transaction_message_with_its_signature_as_a_commitment()
    {
        var (id, node) = _gateway.AddTransaction(Utf8("Hello World"), ("Type", "Assignment"), ("Data-Protocol", "ao"), ("Bundle-Format", "binary"));
        await using var store = NewStore();
        var message = await new MessageCache(store).ReadAsync(id);

        Assert.NotNull(message);
        Assert.Equal("Assignment", message.GetText("type"));
        Assert.Equal("ao", message.GetText("data-protocol"));
        Assert.Equal("Hello World", message.GetText("data"));
        Assert.Null(message.Get("bundle-format"));
        var commitment = (Message)((Message)message.Get("commitments")!).Get(id)!;
        Assert.Equal("ans104@1.0", commitment.GetText("commitment-device"));
        Assert.Equal("rsa-pss", commitment.GetText("alg"));
        var owner = Base64Url.Decode(node["owner"]!["key"]!.GetValue<string>());
        Assert.Equal(Base64Url.Encode(SHA256.HashData(owner)), commitment.GetText("committer"));
        Assert.Equal(Base64Url.Decode(node["signature"]!.GetValue<string>()), ((AoBinary)commitment.Get("signature")!).ToArray());
        Assert.Equal(3, ((AoList)commitment.Get("original-tags")!).Count);

        // The query is HyperBEAM's, asking by ID.
        Assert.Equal(GatewayClient.TransactionQuery, _gateway.LastQuery!["query"]!.GetValue<string>());
        Assert.Equal(id, _gateway.LastQuery!["variables"]!["transactionIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_message_is_a_read_only_tree_of_groups_and_values()
    {
        var (id, _) = _gateway.AddTransaction(Utf8("payload"), ("type", "Message"), ("Action", "Eval"), ("Action", "Again"));
        await using var store = NewStore();
        var root = StorePath.Of(id);

        Assert.Equal(StoreEntryType.Composite, await store.TypeAsync(root));
        Assert.Null(await store.ReadAsync(root));
        Assert.Equal(new[] { "action", "ao-types", "commitments", "data", "type" }, (await store.ListAsync(root))!.Order(StringComparer.Ordinal));
        Assert.Equal(Utf8("payload"), await store.ReadAsync(root.Append("data")));
        Assert.Equal(StoreEntryType.Composite, await store.TypeAsync(StorePath.Of(id, "commitments", id)));
        Assert.Equal(StoreEntryType.NotFound, await store.TypeAsync(root.Append("missing")));
        Assert.Equal(root, await store.ResolveAsync(root));
        Assert.Equal(1, _gateway.GraphQlRequests);

        var message = await new MessageCache(store).ReadAsync(id);
        Assert.Equal(AoList.Of("Eval", "Again"), message!.Get("action"));
    }

    [Fact]
    public async Task Paths_that_do_not_start_with_an_id_are_misses_without_a_request()
    {
        await using var store = NewStore();
        Assert.Null(await store.ReadAsync(P("data/abc")));
        Assert.Equal(StoreEntryType.NotFound, await store.TypeAsync(P("not-an-id")));
        Assert.Null(await store.ListAsync(P(new string('a', 42))));
        Assert.Equal(0, _gateway.GraphQlRequests);
    }

    [Fact]
    public async Task An_unknown_id_is_a_miss()
    {
        await using var store = NewStore();
        var unknown = Base64Url.Encode(new byte[32]);
        Assert.Equal(StoreEntryType.NotFound, await store.TypeAsync(StorePath.Of(unknown)));
        Assert.Null(await new MessageCache(store).ReadAsync(unknown));
        Assert.Equal(0, _gateway.RawRequests);
    }

    [Fact]
    public async Task Fetched_messages_are_written_through_and_then_read_locally()
    {
        var (id, _) = _gateway.AddTransaction(Utf8("Hello World"), ("Type", "Process"));
        await using var local = new MemoryStore();
        var localCache = new MessageCache(local);
        await using var chain = new StoreChain([local, NewStore(localCache)]);
        var cache = new MessageCache(chain);

        var first = await cache.ReadAsync(id);
        Assert.Equal("Process", first!.GetText("type"));
        var requests = _gateway.GraphQlRequests;

        Assert.Equal(first, await localCache.ReadAsync(id));
        Assert.Equal(first, await localCache.ReadAsync(MessageIds.Unsigned(first)));
        Assert.Equal(first, await cache.ReadAsync(id));
        Assert.Equal(requests, _gateway.GraphQlRequests);
    }

    [Fact]
    public async Task A_failing_write_through_is_logged_and_the_read_still_succeeds()
    {
        var (id, _) = _gateway.AddTransaction(Utf8("x"), ("Type", "Message"));
        var logger = new ListLogger<GatewayStore>();
        await using var store = NewStore(new MessageCache(new ReadOnlyStore(new MemoryStore())), logger);
        Assert.Equal("Message", (await new MessageCache(store).ReadAsync(id))!.GetText("type"));
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(id, warning.Message);
        Assert.Equal(StoreErrorKind.ReadOnly, Assert.IsType<StoreException>(warning.Exception).Kind);
    }

    [Fact]
    public async Task A_transaction_without_data_needs_no_raw_request()
    {
        var (id, _) = _gateway.AddTransaction([], ("Type", "Empty"));
        await using var store = NewStore();
        var message = await new MessageCache(store).ReadAsync(id);
        Assert.Null(message!.Get("data"));
        Assert.Equal(0, _gateway.RawRequests);
    }

    [Fact]
    public async Task Gateway_faults_are_store_errors_never_misses()
    {
        var (id, _) = _gateway.AddTransaction(Utf8("data"), ("Type", "Message"));
        await using var store = NewStore();

        _gateway.GraphQlFailure = HttpStatusCode.InternalServerError;
        var status = await Assert.ThrowsAsync<StoreException>(() => store.TypeAsync(StorePath.Of(id)).AsTask());
        Assert.Equal(StoreErrorKind.Remote, status.Kind);
        Assert.Contains("500", status.Message);

        _gateway.GraphQlFailure = null;
        _gateway.GraphQlError = "rate limited";
        var graphQl = await Assert.ThrowsAsync<StoreException>(() => store.TypeAsync(StorePath.Of(id)).AsTask());
        Assert.Contains("rate limited", graphQl.Message);

        _gateway.GraphQlError = null;
        _gateway.RawMissing = true;
        var raw = await Assert.ThrowsAsync<StoreException>(() => store.TypeAsync(StorePath.Of(id)).AsTask());
        Assert.Contains("/raw has no data", raw.Message);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_an_io_error()
    {
        var url = _gateway.Url;
        await _gateway.DisposeAsync();
        _gateway = await LoopbackGateway.StartAsync();
        await using var store = new GatewayStore(new GatewayClient(url));
        var e = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync(StorePath.Of(Base64Url.Encode(new byte[32]))).AsTask());
        Assert.Equal(StoreErrorKind.Io, e.Kind);
        Assert.Contains(url.Authority, e.Message);
    }

    [Fact]
    public async Task Writes_are_refused_as_read_only()
    {
        await using var store = NewStore();
        Assert.False(store.IsWritable);
        Assert.Equal(StoreScope.Remote, store.Scope);
        var e = await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync(P("k"), Utf8("v")).AsTask());
        Assert.Equal(StoreErrorKind.ReadOnly, e.Kind);
        await Assert.ThrowsAsync<StoreException>(() => store.ApplyAsync(new StoreBatch()).AsTask());
    }
}
