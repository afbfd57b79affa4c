using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;
using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Caching;

public sealed class MessageCacheTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static IEnumerable<object[]> SignedVectorsOnEveryStore()
    {
        foreach (var section in new[] { "httpsig", "ans104" })
            foreach (var row in VectorFile.Rows("signed.json", section))
                foreach (var kind in new[] { "memory", "fs", "rocksdb" })
                    yield return [kind, section, row[0]];
    }

    [Theory]
    [MemberData(nameof(SignedVectorsOnEveryStore))]
    public async Task A_signed_message_reads_back_equal_by_its_unsigned_id_and_every_commitment_id(string kind, string section, VectorCase v)
    {
        _ = section;
        var output = v.Data.GetProperty("output");
        var signed = TypedJson.ToMessage(output.GetProperty("signed_message"));
        await using var store = StoreKinds.Open(kind, _temp);
        var cache = new MessageCache(store);

        var id = await cache.WriteAsync(signed);

        Assert.Equal(output.GetProperty("id_none").GetString(), id);
        var ids = new List<string> { id, output.GetProperty("id_all").GetString()! };
        ids.AddRange(((Message)signed.Get("commitments")!).Keys);
        foreach (var any in ids.Distinct())
        {
            var read = await cache.ReadAsync(any);
            Assert.True(signed.Equals(read), $"by {any}: expected {signed}\n  actual {read}");
        }
    }

    [Fact]
    public async Task The_layout_is_HyperBEAMs_a_group_per_message_links_per_key_binaries_by_hash()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var inner = Message.Of(("x", "y"));
        var message = Message.Of(("text", "hello"), ("number", 42), ("inner", inner));

        var id = await cache.WriteAsync(message);

        Assert.Equal(MessageIds.Unsigned(message), id);
        Assert.Equal(new[] { "ao-types", "inner", "number", "text" }, (await store.ListAsync(StorePath.Of(id)))!.Order(StringComparer.Ordinal));
        Assert.Equal(MessageCache.DataPath(Utf8("hello")), await store.ResolveAsync(StorePath.Of(id, "text")));
        Assert.Equal(StorePath.Parse("data/" + Base64Url.Encode(System.Security.Cryptography.SHA256.HashData(Utf8("42")))),
            await store.ResolveAsync(StorePath.Of(id, "number")));
        Assert.Equal(StorePath.Of(MessageIds.Unsigned(inner)), await store.ResolveAsync(StorePath.Of(id, "inner")));
        Assert.Equal(Utf8("y"), await store.ReadAsync(StorePath.Of(id, "inner", "x")));
    }

    [Fact]
    public async Task A_key_of_a_cached_message_is_one_lookup_at_its_hashpath()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var id = await cache.WriteAsync(Message.Of(("greeting", "hi"), ("inner", Message.Of(("deep", "value")))));
        Assert.Equal(AoBinary.FromString("hi"), await cache.ReadResultAsync($"{id}/greeting"));
        Assert.Equal(Message.Of(("deep", "value")), await cache.ReadResultAsync($"{id}/inner"));
    }

    [Fact]
    public async Task Identical_binaries_are_stored_once()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var shared = new string('s', 10_000);
        var first = await cache.WriteAsync(Message.Of(("a", shared), ("b", shared), ("c", "other")));
        var second = await cache.WriteAsync(Message.Of(("z", shared)));
        await cache.WriteAsync(Message.Of(("a", shared), ("b", shared), ("c", "other")));

        var data = (await store.ListAsync(StorePath.Of(MessageCache.DataGroup)))!;
        Assert.Equal(2, data.Count);
        var sharedPath = MessageCache.DataPath(Utf8(shared));
        Assert.Equal(sharedPath, await store.ResolveAsync(StorePath.Of(first, "a")));
        Assert.Equal(sharedPath, await store.ResolveAsync(StorePath.Of(first, "b")));
        Assert.Equal(sharedPath, await store.ResolveAsync(StorePath.Of(second, "z")));
    }

    [Fact]
    public async Task Types_survive_the_round_trip()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var message = Message.Of(
            ("int", 42), ("negative", -7L), ("float", 1.5), ("true", true), ("atom", AoAtom.Of("ok")), ("null", AoAtom.Null),
            ("empty-binary", ""), ("empty-list", AoList.Empty), ("empty-message", Message.Empty),
            ("list", AoList.Of(1, "two", 3.25)), ("messages", AoList.Of(Message.Of(("a", 1)), Message.Of(("b", "c")))),
            ("raw", new byte[] { 0, 255, 128 }));
        var id = await cache.WriteAsync(message);
        Assert.Equal(message, await cache.ReadAsync(id));
    }

    [Fact]
    public async Task An_empty_message_is_an_empty_group()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var id = await cache.WriteAsync(Message.Empty);
        Assert.Equal(StoreEntryType.Composite, await store.TypeAsync(StorePath.Of(id)));
        Assert.Equal(Message.Empty, await cache.ReadAsync(id));
    }

    [Fact]
    public async Task Private_keys_are_never_written()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var message = Message.Of(("public", "yes")).Set("priv-secret", "no");
        var id = await cache.WriteAsync(message);
        Assert.Equal(new[] { "public" }, await store.ListAsync(StorePath.Of(id)));
        Assert.DoesNotContain(MessageCache.DataPath(Utf8("no")).Name, (await store.ListAsync(StorePath.Of(MessageCache.DataGroup)))!);
    }

    [Fact]
    public async Task Results_are_cached_at_their_hashpath()
    {
        await using var store = new RocksDbStore(_temp.Combine("db"));
        var cache = new MessageCache(store);
        var baseId = await cache.WriteAsync(Message.Of(("k", "v")));
        var requestId = MessageIds.Unsigned(Message.Of(("path", "compute")));
        var result = Message.Of(("answer", 42));

        var stored = await cache.WriteResultAsync($"{baseId}/{requestId}", result);
        await cache.WriteResultAsync($"{baseId}/k-upper", AoBinary.FromString("V"));

        Assert.Equal(StorePath.Of(MessageIds.Unsigned(result)), stored);
        Assert.Equal(result, await cache.ReadResultAsync($"{baseId}/{requestId}"));
        Assert.Equal(AoBinary.FromString("V"), await cache.ReadResultAsync($"{baseId}/k-upper"));
        Assert.Null(await cache.ReadResultAsync($"{baseId}/{MessageIds.Unsigned(Message.Of(("path", "other")))}"));
        await Assert.ThrowsAsync<ArgumentException>(() => cache.WriteResultAsync($"{baseId}/n", new AoInteger(1)).AsTask());
    }

    [Fact]
    public async Task A_result_cached_under_a_message_id_becomes_a_key_of_that_message_as_in_HyperBEAM()
    {
        // Hashpaths and message groups share one namespace: base-id/request-id is a link inside the base's group.
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var baseMessage = Message.Of(("k", "v"));
        var baseId = await cache.WriteAsync(baseMessage);
        var requestId = MessageIds.Unsigned(Message.Of(("path", "compute")));
        await cache.WriteResultAsync($"{baseId}/{requestId}", Message.Of(("answer", 42)));
        Assert.Equal(baseMessage.Set(requestId, Message.Of(("answer", 42))), await cache.ReadAsync(baseId));
    }

    [Fact]
    public async Task An_unknown_id_is_a_miss()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        Assert.Null(await cache.ReadAsync(MessageIds.Unsigned(Message.Of(("never", "written")))));
    }

    [Fact]
    public async Task A_message_that_lost_a_value_to_eviction_is_a_miss_never_half_a_message()
    {
        await using var store = new MemoryStore(maxBytes: 12_000);
        var cache = new MessageCache(store);
        var id = await cache.WriteAsync(Message.Of(("a", new string('a', 4000)), ("b", new string('b', 4000))));
        Assert.NotNull(await cache.ReadAsync(id));
        await cache.WriteBinaryAsync(new byte[5000]);
        Assert.True(store.Evictions > 0);
        Assert.Null(await cache.ReadAsync(id));
    }

    [Fact]
    public async Task A_message_group_that_contains_itself_is_a_clear_error()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var id = await cache.WriteAsync(Message.Of(("k", "v")));
        await store.MakeLinkAsync(StorePath.Of(id), StorePath.Of(id, "self"));
        var e = await Assert.ThrowsAsync<StoreException>(() => cache.ReadAsync(id).AsTask());
        Assert.Equal(StoreErrorKind.LinkDepthExceeded, e.Kind);
        Assert.Contains("contains itself", e.Message);
    }

    [Fact]
    public async Task A_whole_message_is_one_atomic_batch_on_rocksdb()
    {
        await using var store = new RocksDbStore(_temp.Combine("db"));
        var cache = new MessageCache(store);
        var before = store.Commits;
        await cache.WriteAsync(Message.Of(("a", "1"), ("b", "2"), ("nested", Message.Of(("c", "3")))));
        Assert.Equal(before + 1, store.Commits);
    }

    [Fact]
    public async Task Keys_that_cannot_be_store_segments_are_a_clear_error()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        await Assert.ThrowsAsync<InvalidStorePathException>(() => cache.WriteAsync(Message.Of(("a/b", "slash"))).AsTask());
        await Assert.ThrowsAsync<InvalidStorePathException>(() => cache.WriteAsync(Message.Of(("..", "up"))).AsTask());
    }
}
