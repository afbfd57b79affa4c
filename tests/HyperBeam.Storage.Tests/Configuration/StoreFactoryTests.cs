using HyperBeam.Storage.Gateway;
using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;
using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Configuration;

public sealed class StoreFactoryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_chain_is_built_in_the_order_given_with_folders_under_the_data_folder()
    {
        StoreOptions[] options =
        [
            new() { Type = "memory", MaxBytes = 1024 * 1024 },
            new() { Type = "rocksdb" },
            new() { Type = "fs", Path = "cache/fs", SyncWrites = true },
            new() { Type = "gateway", Url = "http://127.0.0.1:9", Timeout = TimeSpan.FromSeconds(5) },
        ];
        await using var chain = await StoreFactory.CreateAsync(options, _temp.Path);

        Assert.IsType<MemoryStore>(chain.Stores[0]);
        Assert.Equal(1024 * 1024, ((MemoryStore)chain.Stores[0]).MaxBytes);
        Assert.Equal(_temp.Combine("rocksdb"), ((RocksDbStore)chain.Stores[1]).Folder);
        Assert.Equal(_temp.Combine("cache", "fs"), ((FileSystemStore)chain.Stores[2]).Folder);
        Assert.Equal("gateway:http://127.0.0.1:9", Assert.IsType<GatewayStore>(chain.Stores[3]).Name);
        await chain.WriteAsync(P("k"), Utf8("v"));
        Assert.Equal(Utf8("v"), await chain.Stores[0].ReadAsync(P("k")));
    }

    [Fact]
    public async Task A_read_only_local_store_is_skipped_by_writes()
    {
        StoreOptions[] options = [new() { Type = "fs", ReadOnly = true }, new() { Type = "memory" }];
        await using var chain = await StoreFactory.CreateAsync(options, _temp.Path);
        Assert.IsType<ReadOnlyStore>(chain.Stores[0]);
        await chain.WriteAsync(P("k"), Utf8("v"));
        Assert.Equal(Utf8("v"), await chain.Stores[1].ReadAsync(P("k")));
    }

    public static TheoryData<StoreOptions, string, string> Invalid => new()
    {
        { new StoreOptions { Type = "redis" }, "store[0].type", "one of rocksdb, fs, memory, gateway" },
        { new StoreOptions { Type = "" }, "store[0].type", "one of rocksdb, fs, memory, gateway" },
        { new StoreOptions { Type = "memory", MaxBytes = 0 }, "store[0].max-bytes", "a positive number of bytes" },
        { new StoreOptions { Type = "memory", Path = "x" }, "store[0].path", "rocksdb and fs" },
        { new StoreOptions { Type = "rocksdb", MaxBytes = 10 }, "store[0].max-bytes", "only to memory" },
        { new StoreOptions { Type = "fs", Url = "http://x" }, "store[0].url", "only to gateway" },
        { new StoreOptions { Type = "gateway" }, "store[0].url", "an absolute http:// or https:// URL" },
        { new StoreOptions { Type = "gateway", Url = "ftp://host" }, "store[0].url", "an absolute http:// or https:// URL" },
        { new StoreOptions { Type = "gateway", Url = "/relative" }, "store[0].url", "an absolute http:// or https:// URL" },
        { new StoreOptions { Type = "gateway", Url = "http://x", Timeout = TimeSpan.Zero }, "store[0].timeout", "a positive duration" },
        { new StoreOptions { Type = "gateway", Url = "http://x", SyncWrites = true }, "store[0].sync-writes", "rocksdb and fs" },
        { new StoreOptions { Type = "gateway", Url = "http://x", ReadOnly = true }, "store[0].read-only", "always read-only" },
        { new StoreOptions { Type = "memory", MaxLinkDepth = 0 }, "store[0].max-link-depth", "a positive number of hops" },
        { new StoreOptions { Type = "rocksdb", WriteThrough = true }, "store[0].write-through", "only to gateway" },
        { new StoreOptions { Type = "gateway", Url = "http://x", WriteThrough = true }, "store[0].write-through", "writable local store" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_option_names_itself_its_value_and_what_is_allowed(StoreOptions options, string option, string allowed)
    {
        var e = await Assert.ThrowsAsync<StoreOptionsException>(() => StoreFactory.CreateAsync([options], _temp.Path).AsTask());
        Assert.Equal(option, e.Option);
        Assert.Contains(allowed, e.Allowed);
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public async Task Two_stores_in_one_folder_are_refused_before_anything_opens()
    {
        StoreOptions[] options = [new() { Type = "rocksdb", Path = "db" }, new() { Type = "fs", Path = _temp.Combine("db") }];
        var e = await Assert.ThrowsAsync<StoreOptionsException>(() => StoreFactory.CreateAsync(options, _temp.Path).AsTask());
        Assert.Equal("store[1].path", e.Option);
        Assert.Contains("store[0]", e.Allowed);
        Assert.False(Directory.Exists(_temp.Combine("db")));
    }

    [Fact]
    public async Task An_empty_chain_is_refused()
    {
        var e = await Assert.ThrowsAsync<StoreOptionsException>(() => StoreFactory.CreateAsync([], _temp.Path).AsTask());
        Assert.Equal("store", e.Option);
    }

    [Fact]
    public async Task When_a_store_fails_to_open_the_ones_already_open_are_closed()
    {
        var blocked = _temp.Combine("blocked");
        await File.WriteAllTextAsync(blocked, "a file where a folder should be");
        StoreOptions[] options = [new() { Type = "rocksdb", Path = "db" }, new() { Type = "fs", Path = Path.Combine(blocked, "fs") }];
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFactory.CreateAsync(options, _temp.Path).AsTask());
        Assert.Equal(StoreErrorKind.Io, e.Kind);
        // The RocksDB store was closed: its folder can be opened again.
        await using var reopened = new RocksDbStore(_temp.Combine("db"));
    }

    [Fact]
    public async Task A_gateway_writes_through_to_the_local_stores_by_default()
    {
        await using var gateway = await Gateway.LoopbackGateway.StartAsync();
        var (id, _) = gateway.AddTransaction(Utf8("hi"), ("Type", "Message"));
        StoreOptions[] options = [new() { Type = "gateway", Url = gateway.Url.ToString() }, new() { Type = "memory" }];
        await using var chain = await StoreFactory.CreateAsync(options, _temp.Path);
        Assert.NotNull(await new Storage.Caching.MessageCache(chain).ReadAsync(id));
        Assert.NotNull(await new Storage.Caching.MessageCache(chain.Stores[1]).ReadAsync(id));
    }
}
