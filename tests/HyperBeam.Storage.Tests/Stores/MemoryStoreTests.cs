using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Stores;

public sealed class MemoryStoreTests
{
    // What one 1000-byte value at a one-letter path costs the budget: value + key + fixed overhead.
    private const long ValueCost = 1000 + 1 + 96;

    [Fact]
    public async Task Over_budget_the_least_recently_used_value_is_evicted()
    {
        await using var store = new MemoryStore(maxBytes: 3 * ValueCost);
        await store.WriteAsync(P("a"), new byte[1000]);
        await store.WriteAsync(P("b"), new byte[1000]);
        await store.WriteAsync(P("c"), new byte[1000]);
        Assert.NotNull(await store.ReadAsync(P("a"))); // a is now more recent than b
        await store.WriteAsync(P("d"), new byte[1000]);

        Assert.Null(await store.ReadAsync(P("b")));
        Assert.NotNull(await store.ReadAsync(P("a")));
        Assert.NotNull(await store.ReadAsync(P("c")));
        Assert.NotNull(await store.ReadAsync(P("d")));
        Assert.Equal(1, store.Evictions);
        Assert.True(store.SizeBytes <= store.MaxBytes);
    }

    [Fact]
    public async Task Eviction_goes_as_far_as_needed_and_spares_the_new_value()
    {
        await using var store = new MemoryStore(maxBytes: 3 * ValueCost);
        await store.WriteAsync(P("a"), new byte[1000]);
        await store.WriteAsync(P("b"), new byte[1000]);
        await store.WriteAsync(P("c"), new byte[2500]);
        Assert.Null(await store.ReadAsync(P("a")));
        Assert.Null(await store.ReadAsync(P("b")));
        Assert.Equal(2500, (await store.ReadAsync(P("c")))!.Length);
    }

    [Fact]
    public async Task A_value_larger_than_the_whole_budget_is_refused_and_nothing_is_evicted()
    {
        await using var store = new MemoryStore(maxBytes: 2000);
        await store.WriteAsync(P("small"), new byte[10]);
        var e = await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync(P("huge"), new byte[5000]).AsTask());
        Assert.Equal(StoreErrorKind.CapacityExceeded, e.Kind);
        Assert.Null(await store.ReadAsync(P("huge")));
        Assert.NotNull(await store.ReadAsync(P("small")));
    }

    [Fact]
    public async Task An_evicted_value_leaves_its_name_in_the_group_so_readers_see_the_gap()
    {
        await using var store = new MemoryStore(maxBytes: 2 * ValueCost + 300);
        await store.WriteAsync(P("g/x"), new byte[1000]);
        await store.WriteAsync(P("g/y"), new byte[1000]);
        await store.WriteAsync(P("g/z"), new byte[1000]);
        Assert.Equal(["x", "y", "z"], (await store.ListAsync(P("g")))!.Order(StringComparer.Ordinal));
        Assert.Equal(StoreEntryType.NotFound, await store.TypeAsync(P("g/x")));
    }

    [Fact]
    public async Task Size_accounting_follows_overwrites_and_reset()
    {
        await using var store = new MemoryStore();
        await store.WriteAsync(P("k"), new byte[1000]);
        var afterFirst = store.SizeBytes;
        await store.WriteAsync(P("k"), new byte[10]);
        Assert.Equal(afterFirst - 990, store.SizeBytes);
        await store.ResetAsync();
        Assert.Equal(0, store.SizeBytes);
    }

    [Fact]
    public async Task Callers_cannot_change_stored_values_through_their_arrays()
    {
        await using var store = new MemoryStore();
        var source = Utf8("original");
        await store.WriteAsync(P("k"), source);
        source[0] = (byte)'X';
        var read = (await store.ReadAsync(P("k")))!;
        read[1] = (byte)'Y';
        Assert.Equal(Utf8("original"), await store.ReadAsync(P("k")));
    }
}
