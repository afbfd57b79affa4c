using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;
using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Stores;

/// <summary>
/// The behaviour every writable store shares, run against each backend: same answers, same errors.
/// Each test gets a fresh store in a fresh temp folder.
/// </summary>
public abstract class StoreContractTests<TStore> : IAsyncLifetime where TStore : IStore
{
    private readonly TempFolder _folder = new();

    protected TStore Store { get; private set; } = default!;

    protected string Folder => _folder.Path;

    /// <summary>Opens the store under test in <paramref name="folder"/> (which exists and is empty).</summary>
    protected abstract TStore Open(string folder);

    public Task InitializeAsync()
    {
        Store = Open(_folder.Combine("store"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_written_value_reads_back()
    {
        await Store.WriteAsync(P("key"), Utf8("value"));
        Assert.Equal(Utf8("value"), await Store.ReadAsync(P("key")));
    }

    [Fact]
    public async Task A_missing_path_is_a_miss_not_an_error()
    {
        Assert.Null(await Store.ReadAsync(P("nothing")));
        Assert.Null(await Store.ReadAsync(P("nothing/deeper/still")));
        Assert.Equal(StoreEntryType.NotFound, await Store.TypeAsync(P("nothing")));
        Assert.Null(await Store.ListAsync(P("nothing")));
    }

    [Fact]
    public async Task Type_tells_values_groups_and_nothing_apart()
    {
        await Store.WriteAsync(P("group/value"), Utf8("v"));
        Assert.Equal(StoreEntryType.Simple, await Store.TypeAsync(P("group/value")));
        Assert.Equal(StoreEntryType.Composite, await Store.TypeAsync(P("group")));
        Assert.Equal(StoreEntryType.NotFound, await Store.TypeAsync(P("group/other")));
    }

    [Fact]
    public async Task Writing_makes_the_parent_groups_which_list_their_children()
    {
        await Store.WriteAsync(P("messages/ids/item1"), Utf8("1"));
        await Store.WriteAsync(P("messages/ids/item2"), Utf8("2"));
        await Store.WriteAsync(P("messages/other"), Utf8("3"));
        Assert.Equal(["ids", "other"], Sorted(await Store.ListAsync(P("messages"))));
        Assert.Equal(["item1", "item2"], Sorted(await Store.ListAsync(P("messages/ids"))));
        Assert.Equal(Utf8("2"), await Store.ReadAsync(P("messages/ids/item2")));
    }

    [Fact]
    public async Task Only_groups_can_be_listed()
    {
        await Store.WriteAsync(P("value"), Utf8("v"));
        await Store.MakeGroupAsync(P("empty"));
        Assert.Null(await Store.ListAsync(P("value")));
        Assert.Empty((await Store.ListAsync(P("empty")))!);
        Assert.Null(await Store.ReadAsync(P("empty")));
    }

    [Fact]
    public async Task A_group_lists_only_its_own_children_not_siblings_with_a_common_prefix()
    {
        await Store.WriteAsync(P("a/b/c"), Utf8("1"));
        await Store.WriteAsync(P("a/b-c/d"), Utf8("2"));
        await Store.WriteAsync(P("a/b0"), Utf8("3"));
        await Store.WriteAsync(P("a/b/c-d"), Utf8("4"));
        await Store.WriteAsync(P("a/b/ce"), Utf8("5"));
        Assert.Equal(["b", "b-c", "b0"], Sorted(await Store.ListAsync(P("a"))));
        Assert.Equal(["c", "c-d", "ce"], Sorted(await Store.ListAsync(P("a/b"))));
    }

    [Fact]
    public async Task Overwriting_replaces_the_value()
    {
        await Store.WriteAsync(P("key"), Utf8("first, longer value"));
        await Store.WriteAsync(P("key"), Utf8("second"));
        Assert.Equal(Utf8("second"), await Store.ReadAsync(P("key")));
    }

    [Fact]
    public async Task A_value_cannot_replace_a_group()
    {
        await Store.WriteAsync(P("group/child"), Utf8("kept"));
        var e = await Assert.ThrowsAsync<StoreException>(() => Store.WriteAsync(P("group"), Utf8("x")).AsTask());
        Assert.Equal(StoreErrorKind.IsAGroup, e.Kind);
        Assert.Equal(Utf8("kept"), await Store.ReadAsync(P("group/child")));
    }

    [Fact]
    public async Task Nothing_can_be_written_beneath_a_value()
    {
        await Store.WriteAsync(P("value"), Utf8("v"));
        var e = await Assert.ThrowsAsync<StoreException>(() => Store.WriteAsync(P("value/child"), Utf8("x")).AsTask());
        Assert.Equal(StoreErrorKind.NotAGroup, e.Kind);
        Assert.Contains("value", e.Message);
        Assert.Equal(Utf8("v"), await Store.ReadAsync(P("value")));
        var g = await Assert.ThrowsAsync<StoreException>(() => Store.MakeGroupAsync(P("value")).AsTask());
        Assert.Equal(StoreErrorKind.NotAGroup, g.Kind);
    }

    [Fact]
    public async Task Making_an_existing_group_keeps_its_children()
    {
        await Store.WriteAsync(P("messages/id"), Utf8("1"));
        await Store.WriteAsync(P("messages/commitments"), Utf8("2"));
        await Store.MakeGroupAsync(P("messages"));
        Assert.Equal(["commitments", "id"], Sorted(await Store.ListAsync(P("messages"))));
    }

    [Fact]
    public async Task Making_a_deep_group_makes_its_parents()
    {
        await Store.MakeGroupAsync(P("messages/ids/items"));
        Assert.Equal(["ids"], Sorted(await Store.ListAsync(P("messages"))));
        Assert.Equal(["items"], Sorted(await Store.ListAsync(P("messages/ids"))));
        Assert.Empty((await Store.ListAsync(P("messages/ids/items")))!);
    }

    [Fact]
    public async Task A_link_reads_as_its_target()
    {
        await Store.WriteAsync(P("test-file"), Utf8("test-data"));
        await Store.MakeLinkAsync(P("test-file"), P("test-link"));
        Assert.Equal(Utf8("test-data"), await Store.ReadAsync(P("test-link")));
        Assert.Equal(StoreEntryType.Simple, await Store.TypeAsync(P("test-link")));
        Assert.Equal(P("test-file"), await Store.ResolveAsync(P("test-link")));
    }

    [Fact]
    public async Task Links_to_links_are_followed()
    {
        await Store.WriteAsync(P("test-file"), Utf8("test-data"));
        await Store.MakeLinkAsync(P("test-file"), P("test-link"));
        await Store.MakeLinkAsync(P("test-link"), P("test-link2"));
        Assert.Equal(Utf8("test-data"), await Store.ReadAsync(P("test-link2")));
        Assert.Equal(P("test-file"), await Store.ResolveAsync(P("test-link2")));
    }

    [Fact]
    public async Task A_link_to_a_group_is_followed_through_on_the_way_to_a_child()
    {
        await Store.MakeGroupAsync(P("test-dir1"));
        await Store.WriteAsync(P("test-dir1/test-file"), Utf8("test-data"));
        await Store.MakeLinkAsync(P("test-dir1"), P("test-link"));
        Assert.Equal(Utf8("test-data"), await Store.ReadAsync(P("test-link/test-file")));
        Assert.Equal(StoreEntryType.Composite, await Store.TypeAsync(P("test-link")));
        Assert.Equal(["test-file"], Sorted(await Store.ListAsync(P("test-link"))));
        Assert.Equal(P("test-dir1/test-file"), await Store.ResolveAsync(P("test-link/test-file")));
    }

    [Fact]
    public async Task Links_inside_groups_resolve_segment_by_segment()
    {
        // HyperBEAM's example: a/b/c holds stale data, a/b → a/alt-b, so a/b/c reads a/alt-b/c.
        await Store.WriteAsync(P("a/alt-b/c"), Utf8("correct"));
        await Store.MakeLinkAsync(P("a/alt-b"), P("a/b"));
        await Store.MakeLinkAsync(P("a/b/c"), P("deep/link"));
        Assert.Equal(Utf8("correct"), await Store.ReadAsync(P("a/b/c")));
        Assert.Equal(Utf8("correct"), await Store.ReadAsync(P("deep/link")));
    }

    [Fact]
    public async Task A_link_to_nothing_is_a_miss_until_its_target_is_written()
    {
        await Store.MakeLinkAsync(P("data/later"), P("early-link"));
        Assert.Null(await Store.ReadAsync(P("early-link")));
        Assert.Equal(StoreEntryType.NotFound, await Store.TypeAsync(P("early-link")));
        Assert.Null(await Store.ListAsync(P("early-link")));
        await Store.WriteAsync(P("data/later"), Utf8("arrived"));
        Assert.Equal(Utf8("arrived"), await Store.ReadAsync(P("early-link")));
    }

    [Fact]
    public async Task Cyclic_links_are_a_clear_error()
    {
        await Store.MakeLinkAsync(P("ping"), P("pong"));
        await Store.MakeLinkAsync(P("pong"), P("ping"));
        foreach (var attempt in new Func<Task>[]
                 {
                     () => Store.ReadAsync(P("ping")).AsTask(),
                     () => Store.TypeAsync(P("pong")).AsTask(),
                     () => Store.ListAsync(P("ping")).AsTask(),
                     () => Store.ResolveAsync(P("ping/child")).AsTask(),
                     () => Store.WriteAsync(P("ping/child"), Utf8("x")).AsTask(),
                 })
        {
            var e = await Assert.ThrowsAsync<StoreException>(attempt);
            Assert.Equal(StoreErrorKind.LinkDepthExceeded, e.Kind);
            Assert.Contains("cycle", e.Message);
        }
    }

    [Fact]
    public async Task A_link_into_its_own_subtree_is_a_clear_error()
    {
        await Store.MakeGroupAsync(P("loop"));
        await Store.MakeLinkAsync(P("loop/self/x"), P("loop/self"));
        var e = await Assert.ThrowsAsync<StoreException>(() => Store.ReadAsync(P("loop/self")).AsTask());
        Assert.Equal(StoreErrorKind.LinkDepthExceeded, e.Kind);
    }

    [Fact]
    public async Task Linking_a_path_to_itself_does_nothing()
    {
        await Store.MakeLinkAsync(P("key1"), P("key1"));
        Assert.Null(await Store.ReadAsync(P("key1")));
        Assert.Equal(StoreEntryType.NotFound, await Store.TypeAsync(P("key1")));
    }

    [Fact]
    public async Task A_new_link_replaces_a_link_or_value_but_not_a_group()
    {
        await Store.WriteAsync(P("one"), Utf8("1"));
        await Store.WriteAsync(P("two"), Utf8("2"));
        await Store.MakeLinkAsync(P("one"), P("link"));
        await Store.MakeLinkAsync(P("two"), P("link"));
        Assert.Equal(Utf8("2"), await Store.ReadAsync(P("link")));

        await Store.WriteAsync(P("was-a-value"), Utf8("v"));
        await Store.MakeLinkAsync(P("one"), P("was-a-value"));
        Assert.Equal(Utf8("1"), await Store.ReadAsync(P("was-a-value")));

        await Store.MakeGroupAsync(P("group"));
        var e = await Assert.ThrowsAsync<StoreException>(() => Store.MakeLinkAsync(P("one"), P("group")).AsTask());
        Assert.Equal(StoreErrorKind.IsAGroup, e.Kind);
    }

    [Fact]
    public async Task Writing_through_a_linked_group_lands_in_the_target_group()
    {
        await Store.MakeGroupAsync(P("real"));
        await Store.MakeLinkAsync(P("real"), P("alias"));
        await Store.WriteAsync(P("alias/child"), Utf8("c"));
        await Store.MakeLinkAsync(P("alias/child"), P("alias/child-link"));
        Assert.Equal(Utf8("c"), await Store.ReadAsync(P("real/child")));
        Assert.Equal(Utf8("c"), await Store.ReadAsync(P("real/child-link")));
        Assert.Equal(["child", "child-link"], Sorted(await Store.ListAsync(P("real"))));
    }

    [Fact]
    public async Task Writing_a_value_at_a_link_replaces_the_link_not_its_target()
    {
        await Store.WriteAsync(P("target"), Utf8("original"));
        await Store.MakeLinkAsync(P("target"), P("link"));
        await Store.WriteAsync(P("link"), Utf8("replacement"));
        Assert.Equal(Utf8("replacement"), await Store.ReadAsync(P("link")));
        Assert.Equal(Utf8("original"), await Store.ReadAsync(P("target")));
        Assert.Equal(P("link"), await Store.ResolveAsync(P("link")));
    }

    [Fact]
    public async Task Every_byte_value_round_trips()
    {
        await Store.WriteAsync(P("bytes"), EveryValue());
        Assert.Equal(EveryValue(), await Store.ReadAsync(P("bytes")));
    }

    [Fact]
    public async Task An_empty_value_is_a_value_not_a_miss()
    {
        await Store.WriteAsync(P("empty"), ReadOnlyMemory<byte>.Empty);
        Assert.Equal(Array.Empty<byte>(), await Store.ReadAsync(P("empty")));
        Assert.Equal(StoreEntryType.Simple, await Store.TypeAsync(P("empty")));
    }

    [Fact]
    public async Task A_one_MiB_value_round_trips()
    {
        var big = Bytes.Random(1024 * 1024, seed: 7);
        await Store.WriteAsync(P("data/big"), big);
        Assert.Equal(big, await Store.ReadAsync(P("data/big")));
    }

    [Fact]
    public async Task Unicode_segments_round_trip_and_list_as_written()
    {
        string[] names = ["日本語", "ключ", "emoji-🎉", "e\u0301", "é", "ĳ ligature", "space in name"];
        foreach (var name in names) await Store.WriteAsync(StorePath.Of("unicode", name), Utf8(name));
        foreach (var name in names) Assert.Equal(Utf8(name), await Store.ReadAsync(StorePath.Of("unicode", name)));
        Assert.Equal(Sorted(names), Sorted(await Store.ListAsync(P("unicode"))));
    }

    [Fact]
    public async Task The_longest_allowed_segments_and_tilde_names_work_as_values_groups_and_links()
    {
        var ascii = new string('a', StorePath.MaxSegmentBytes);
        var wide = new string('é', StorePath.MaxSegmentBytes / 2);
        const string tilde = "~names";
        await Store.WriteAsync(StorePath.Of("long", ascii), Utf8("ascii"));
        await Store.WriteAsync(StorePath.Of("long", wide, "inner"), Utf8("wide"));
        await Store.WriteAsync(StorePath.Of("long", tilde), Utf8("tilde"));
        await Store.MakeLinkAsync(StorePath.Of("long", wide), StorePath.Of("long", "link-" + new string('b', 400)));
        Assert.Equal(Utf8("ascii"), await Store.ReadAsync(StorePath.Of("long", ascii)));
        Assert.Equal(Utf8("wide"), await Store.ReadAsync(StorePath.Of("long", "link-" + new string('b', 400), "inner")));
        Assert.Equal(Utf8("tilde"), await Store.ReadAsync(StorePath.Of("long", tilde)));
        Assert.Equal(Sorted([ascii, wide, tilde, "link-" + new string('b', 400)]), Sorted(await Store.ListAsync(P("long"))));
    }

    [Fact]
    public async Task A_batch_applies_every_operation()
    {
        var batch = new StoreBatch()
            .MakeGroup(P("msg"))
            .Write(P("data/abc"), Utf8("value"))
            .MakeLink(P("data/abc"), P("msg/key"))
            .MakeLink(P("msg"), P("alias"));
        await Store.ApplyAsync(batch);
        Assert.Equal(Utf8("value"), await Store.ReadAsync(P("alias/key")));
        Assert.Equal(["key"], Sorted(await Store.ListAsync(P("alias"))));
    }

    [Fact]
    public async Task Reset_removes_everything()
    {
        await Store.WriteAsync(P("test_key"), Utf8("test_value"));
        await Store.WriteAsync(P("group/child"), Utf8("c"));
        await Store.MakeLinkAsync(P("test_key"), P("link"));
        await Store.ResetAsync();
        Assert.Null(await Store.ReadAsync(P("test_key")));
        Assert.Equal(StoreEntryType.NotFound, await Store.TypeAsync(P("group")));
        Assert.Equal(StoreEntryType.NotFound, await Store.TypeAsync(P("link")));
        await Store.WriteAsync(P("after"), Utf8("reset"));
        Assert.Equal(Utf8("reset"), await Store.ReadAsync(P("after")));
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_on_distinct_keys_each_see_their_own_values()
    {
        const int writers = 8, rounds = 40;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var path = StorePath.Of("concurrent", $"w{w}", $"k{i}");
                var value = Bytes.Random(100 + i, seed: w * 1000 + i);
                await Store.WriteAsync(path, value);
                Assert.Equal(value, await Store.ReadAsync(path));
            }
        })));
        Assert.Equal(writers, (await Store.ListAsync(P("concurrent")))!.Count);
        Assert.Equal(rounds, (await Store.ListAsync(P("concurrent/w3")))!.Count);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_on_one_key_never_see_a_torn_value()
    {
        const int versions = 4, writes = 30, reads = 60;
        // Each version is one byte repeated, at its own length: any mix of two versions is detectable.
        var values = Enumerable.Range(1, versions).Select(v => Enumerable.Repeat((byte)v, 64 * 1024 + v).ToArray()).ToArray();
        var path = P("contended/key");
        // Written first, so every read has a whole value to return: a null would be a lost write.
        await Store.WriteAsync(path, values[0]);
        var writing = values.Select(value => Task.Run(async () =>
        {
            for (var i = 0; i < writes; i++) await Store.WriteAsync(path, value);
        }));
        var reading = Enumerable.Range(0, versions).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < reads; i++)
            {
                var read = await Store.ReadAsync(path);
                Assert.NotNull(read);
                Assert.Contains(values, v => v.AsSpan().SequenceEqual(read));
            }
        }));
        await Task.WhenAll(writing.Concat(reading));
        var last = await Store.ReadAsync(path);
        Assert.Contains(values, v => v.AsSpan().SequenceEqual(last));
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceledException()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(P("k"), Utf8("v"), cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ReadAsync(P("k"), cancelled.Token).AsTask());
    }

    [Fact]
    public async Task A_disposed_store_says_so_clearly()
    {
        await Store.WriteAsync(P("k"), Utf8("v"));
        await Store.DisposeAsync();
        var read = await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.ReadAsync(P("k")).AsTask());
        Assert.Contains("disposed", read.Message);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.WriteAsync(P("k"), Utf8("v")).AsTask());
    }

    protected static List<string> Sorted(IEnumerable<string>? names) =>
        [.. (names ?? throw new Xunit.Sdk.XunitException("expected a group listing, got null")).Order(StringComparer.Ordinal)];
}
