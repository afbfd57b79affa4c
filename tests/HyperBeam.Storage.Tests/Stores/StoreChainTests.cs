using HyperBeam.Storage.Gateway;
using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;
using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Stores;

public sealed class StoreChainTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_first_hit_wins()
    {
        var first = new MemoryStore();
        var second = new MemoryStore();
        await first.WriteAsync(P("both"), Utf8("first"));
        await second.WriteAsync(P("both"), Utf8("second"));
        await second.WriteAsync(P("only-second/child"), Utf8("2"));
        await using var chain = new StoreChain(first, second);

        Assert.Equal(Utf8("first"), await chain.ReadAsync(P("both")));
        Assert.Equal(Utf8("2"), await chain.ReadAsync(P("only-second/child")));
        Assert.Equal(StoreEntryType.Composite, await chain.TypeAsync(P("only-second")));
        Assert.Equal(new[] { "child" }, await chain.ListAsync(P("only-second")));
        Assert.Null(await chain.ReadAsync(P("neither")));
    }

    [Fact]
    public async Task Writes_go_to_the_first_writable_store()
    {
        var readOnlyInner = new MemoryStore();
        var writable = new MemoryStore();
        var last = new MemoryStore();
        await using var chain = new StoreChain(new ReadOnlyStore(readOnlyInner), writable, last);
        await chain.WriteAsync(P("k"), Utf8("v"));
        await chain.MakeLinkAsync(P("k"), P("l"));
        Assert.Equal(Utf8("v"), await writable.ReadAsync(P("l")));
        Assert.Null(await readOnlyInner.ReadAsync(P("k")));
        Assert.Null(await last.ReadAsync(P("k")));
    }

    [Fact]
    public async Task A_chain_without_a_writable_store_refuses_writes_clearly()
    {
        await using var chain = new StoreChain(new ReadOnlyStore(new MemoryStore()));
        Assert.False(chain.IsWritable);
        var e = await Assert.ThrowsAsync<StoreException>(() => chain.WriteAsync(P("k"), Utf8("v")).AsTask());
        Assert.Equal(StoreErrorKind.ReadOnly, e.Kind);
    }

    [Fact]
    public async Task A_failing_store_does_not_hide_a_later_hit_but_is_reported_when_nothing_hits()
    {
        var root = _temp.Combine("fs");
        var broken = new FileSystemStore(root);
        await broken.WriteAsync(P("k"), Utf8("v"));
        await File.WriteAllBytesAsync(Path.Combine(root, "k"), Utf8("damaged"));
        var backup = new MemoryStore();
        await backup.WriteAsync(P("k"), Utf8("from backup"));

        await using (var withBackup = new StoreChain([broken, backup], ownsStores: false))
            Assert.Equal(Utf8("from backup"), await withBackup.ReadAsync(P("k")));

        await using var alone = new StoreChain([broken, new MemoryStore()], ownsStores: false);
        var e = await Assert.ThrowsAsync<StoreException>(() => alone.ReadAsync(P("k")).AsTask());
        Assert.Equal(StoreErrorKind.Corrupt, e.Kind);
        await broken.DisposeAsync();
        await backup.DisposeAsync();
    }

    [Fact]
    public async Task Scope_filtering_keeps_the_order_and_leaves_the_stores_open()
    {
        var local1 = new MemoryStore();
        var remote = new GatewayStore(new GatewayClient(new Uri("http://127.0.0.1:9/")));
        var local2 = new MemoryStore();
        await using var chain = new StoreChain(local1, remote, local2);
        var locals = chain.WithScope(StoreScope.Local)!;
        Assert.Equal([local1, local2], locals.Stores);
        Assert.Equal([remote], chain.WithScope(StoreScope.Remote)!.Stores);
        await locals.DisposeAsync();
        await local1.WriteAsync(P("still"), Utf8("open"));
        Assert.Null(new StoreChain([local2], ownsStores: false).WithScope(StoreScope.Remote));
    }

    [Fact]
    public async Task Reset_clears_the_writable_stores_only()
    {
        var readOnlyInner = new MemoryStore();
        await readOnlyInner.WriteAsync(P("k"), Utf8("kept"));
        var writable = new MemoryStore();
        await writable.WriteAsync(P("k"), Utf8("gone"));
        await using var chain = new StoreChain(new ReadOnlyStore(readOnlyInner), writable);
        await chain.ResetAsync();
        Assert.Equal(Utf8("kept"), await readOnlyInner.ReadAsync(P("k")));
        Assert.Null(await writable.ReadAsync(P("k")));
    }

    [Fact]
    public async Task Resolve_answers_with_the_store_that_knows_a_link()
    {
        var first = new MemoryStore();
        var second = new MemoryStore();
        await second.MakeLinkAsync(P("target"), P("alias"));
        await using var chain = new StoreChain(first, second);
        Assert.Equal(P("target"), await chain.ResolveAsync(P("alias")));
        Assert.Equal(P("plain"), await chain.ResolveAsync(P("plain")));
    }
}
