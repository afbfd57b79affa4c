using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;
using RocksDbSharp;
using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Stores;

/// <summary>What only the RocksDB store can get wrong: durability, its write queue, atomic batches, its encoding.</summary>
public sealed class RocksDbStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Data_survives_closing_and_reopening()
    {
        var folder = _temp.Combine("db");
        await using (var store = new RocksDbStore(folder))
        {
            await store.WriteAsync(P("messages/key1"), Utf8("val1"));
            await store.MakeLinkAsync(P("messages"), P("alias"));
        }
        await using var reopened = new RocksDbStore(folder);
        Assert.Equal(Utf8("val1"), await reopened.ReadAsync(P("alias/key1")));
        Assert.Equal(new[] { "key1" }, await reopened.ListAsync(P("messages")));
    }

    /// <summary>
    /// RocksDB's default memtables (2 × 64 MiB) filled for minutes under a soak's cache writes, and the node's RSS grew
    /// with them as if it leaked. The store bounds them (<see cref="RocksDbStore.MaxMemTableBytes"/>).
    /// </summary>
    [Fact]
    public async Task Memtables_stay_within_their_bound_however_much_is_written()
    {
        await using var store = new RocksDbStore(_temp.Combine("db"));
        var value = new byte[64 * 1024];
        for (var i = 0; i < 640; i++) // 40 MiB
        {
            value[0] = (byte)i;
            value[1] = (byte)(i >> 8);
            await store.WriteAsync(StorePath.Of("big", $"k{i}"), value);
        }

        Assert.InRange(store.MemTableBytes, 1, RocksDbStore.MaxMemTableBytes);
    }

    [Fact]
    public async Task Writes_queued_before_dispose_are_committed_and_later_ones_refused()
    {
        var folder = _temp.Combine("db");
        var store = new RocksDbStore(folder);
        var writes = Enumerable.Range(0, 100).Select(i => store.WriteAsync(StorePath.Of("q", $"k{i}"), Utf8($"v{i}")).AsTask()).ToList();
        await store.DisposeAsync();
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(P("late"), Utf8("x")).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ListAsync(P("q")).AsTask());

        await using var reopened = new RocksDbStore(folder);
        Assert.Equal(100, (await reopened.ListAsync(P("q")))!.Count);
        Assert.Equal(Utf8("v42"), await reopened.ReadAsync(P("q/k42")));
    }

    [Fact]
    public async Task A_batch_is_atomic_when_one_of_its_operations_fails_nothing_of_it_lands()
    {
        await using var store = new RocksDbStore(_temp.Combine("db"));
        await store.WriteAsync(P("value"), Utf8("v"));
        var batch = new StoreBatch()
            .Write(P("first"), Utf8("1"))
            .MakeGroup(P("group/deep"))
            .Write(P("value/beneath"), Utf8("not allowed"));
        var e = await Assert.ThrowsAsync<StoreException>(() => store.ApplyAsync(batch).AsTask());
        Assert.Equal(StoreErrorKind.NotAGroup, e.Kind);
        Assert.Null(await store.ReadAsync(P("first")));
        Assert.Equal(StoreEntryType.NotFound, await store.TypeAsync(P("group")));
    }

    [Fact]
    public async Task Concurrent_batches_that_fail_do_not_take_their_neighbours_down()
    {
        await using var store = new RocksDbStore(_temp.Combine("db"));
        await store.WriteAsync(P("value"), Utf8("v"));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            var path = i % 2 == 0 ? StorePath.Of("ok", $"k{i}") : StorePath.Of("value", $"k{i}");
            try
            {
                await store.WriteAsync(path, Utf8($"{i}"));
                return (i, ok: true);
            }
            catch (StoreException e) when (e.Kind == StoreErrorKind.NotAGroup)
            {
                return (i, ok: false);
            }
        }));
        Assert.All(outcomes, o => Assert.Equal(o.i % 2 == 0, o.ok));
        Assert.Equal(32, (await store.ListAsync(P("ok")))!.Count);
        Assert.True(store.Commits <= 33, $"64 writes from one writer and one more cannot need {store.Commits} commits");
    }

    [Fact]
    public async Task An_entry_with_an_unknown_tag_is_a_clear_corruption_error()
    {
        var folder = _temp.Combine("db");
        await using (var store = new RocksDbStore(folder)) await store.WriteAsync(P("fine"), Utf8("v"));
        using (var raw = RocksDb.Open(new DbOptions(), folder))
        {
            raw.Put(Utf8("bad"), new byte[] { 9, 1, 2, 3 });
            raw.Put(Utf8("empty"), ReadOnlySpan<byte>.Empty);
        }
        await using var reopened = new RocksDbStore(folder);
        var e = await Assert.ThrowsAsync<StoreException>(() => reopened.ReadAsync(P("bad")).AsTask());
        Assert.Equal(StoreErrorKind.Corrupt, e.Kind);
        Assert.Contains("unknown tag 9", e.Message);
        Assert.Equal(StoreErrorKind.Corrupt, (await Assert.ThrowsAsync<StoreException>(() => reopened.TypeAsync(P("empty")).AsTask())).Kind);
        Assert.Equal(Utf8("v"), await reopened.ReadAsync(P("fine")));
    }

    [Fact]
    public async Task Values_are_tagged_as_HyperBEAM_tags_them()
    {
        var folder = _temp.Combine("db");
        await using (var store = new RocksDbStore(folder))
        {
            await store.WriteAsync(P("g/value"), Utf8("v"));
            await store.MakeLinkAsync(P("g/value"), P("link"));
        }
        using var raw = RocksDb.Open(new DbOptions(), folder);
        Assert.Equal([2, .. Utf8("v")], raw.Get(Utf8("g/value")));
        Assert.Equal([1, .. Utf8("g/value")], raw.Get(Utf8("link")));
        Assert.Equal(new byte[] { 3 }, raw.Get(Utf8("g")));
    }

    [Fact]
    public async Task A_folder_already_open_is_a_clear_error_not_a_crash()
    {
        var folder = _temp.Combine("db");
        await using var first = new RocksDbStore(folder);
        var e = Assert.Throws<StoreException>(() => new RocksDbStore(folder));
        Assert.Equal(StoreErrorKind.Io, e.Kind);
        Assert.Contains(folder, e.Message);
    }

    [Fact]
    public async Task A_database_that_cannot_be_created_is_a_clear_error()
    {
        var parent = _temp.Combine("locked");
        Directory.CreateDirectory(parent);
        await using (await ReadOnlyFolder.MakeAsync(parent))
        {
            var e = Assert.Throws<StoreException>(() => new RocksDbStore(Path.Combine(parent, "db")));
            Assert.Equal(StoreErrorKind.Io, e.Kind);
        }
    }
}
