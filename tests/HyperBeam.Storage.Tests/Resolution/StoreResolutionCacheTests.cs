using System.Net;
using System.Net.Sockets;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage.RemoteNode;

namespace HyperBeam.Storage.Tests.Resolution;

/// <summary>The resolver's stages 2 and 10 and ID loading over a real memory store, with HyperBEAM's precedence.</summary>
public sealed class StoreResolutionCacheTests
{
    private int _calls;

    private Resolver CountingResolver() => new(DeviceRegistry.Preloaded.With(Device.Create("count@1.0",
        ("next", (_, _, _) =>
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(ResolveResult.Ok(Message.Of(("n", 1))));
        }))));

    private static readonly Message Base = Message.Of(("device", "count@1.0"), ("salt", "x"));

    private static ResolveOptions Options(MessageCache cache, params string[] nodeCacheControl) => new()
    {
        Node = nodeCacheControl.Length == 0 ? Message.Empty : Message.Of(("cache_control", new AoList(nodeCacheControl.Select(c => (AoValue)AoBinary.FromString(c))))),
        Cache = new StoreResolutionCache(cache),
    };

    [Fact]
    public async Task A_stored_result_is_answered_from_the_cache_the_second_time()
    {
        await using var store = new MemoryStore();
        var options = Options(new MessageCache(store), "always");
        var resolver = CountingResolver();
        var first = await resolver.ResolveAsync(Base, "next", options);
        var second = await resolver.ResolveAsync(Base, "next", options);
        Assert.True(first.IsOk);
        Assert.Equal(first.Message!.WithoutPriv(), second.Message!.WithoutPriv());
        Assert.Equal(first.Hashpath, second.Hashpath);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task The_node_option_beats_the_request()
    {
        await using var store = new MemoryStore();
        var options = Options(new MessageCache(store), "no-store", "no-cache");
        var resolver = CountingResolver();
        var request = Message.Of(("path", "next"), ("cache-control", "always"));
        await resolver.ResolveAsync(Base, request, options);
        await resolver.ResolveAsync(Base, request, options);
        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task The_request_decides_when_the_node_says_nothing()
    {
        await using var store = new MemoryStore();
        var options = Options(new MessageCache(store));
        var resolver = CountingResolver();
        var request = Message.Of(("path", "next"), ("cache-control", "always"));
        await resolver.ResolveAsync(Base, request, options);
        await resolver.ResolveAsync(Base, request, options);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task An_only_if_cached_miss_is_a_504_and_computes_nothing()
    {
        await using var store = new MemoryStore();
        var options = Options(new MessageCache(store), "cache");
        var result = await CountingResolver().ResolveAsync(Base, Message.Of(("path", "next"), ("cache-control", "only-if-cached")), options);
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Equal(ResolveErrorCodes.NotCached, result.ErrorCode);
        Assert.Equal(504L, ((AoInteger)result.Message!.Get("status")!).Value);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task Only_if_cached_without_lookup_computes_as_in_HyperBEAM()
    {
        await using var store = new MemoryStore();
        var options = Options(new MessageCache(store));
        var result = await CountingResolver().ResolveAsync(Base, Message.Of(("path", "next"), ("cache-control", "only-if-cached")), options);
        Assert.True(result.IsOk);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task An_ID_first_in_a_sequence_is_loaded_from_the_cache()
    {
        await using var store = new MemoryStore();
        var cache = new MessageCache(store);
        var id = await cache.WriteAsync(Message.Of(("greeting", "hello")));
        var resolver = new Resolver();
        var options = new ResolveOptions { Cache = new StoreResolutionCache(cache) };
        var result = await resolver.ResolveManyAsync([ResolveInput.Of(AoBinary.FromString(id)), ResolveInput.Of(AoBinary.FromString("greeting"))], options);
        Assert.Equal(AoBinary.FromString("hello"), result.Value);
        var missing = await resolver.ResolveManyAsync([ResolveInput.Of(AoBinary.FromString(new string('A', 43)))], options);
        Assert.Equal(ResolveStatus.NotFound, missing.Status);
        Assert.Equal(ResolveErrorCodes.MessageNotFound, missing.ErrorCode);
    }

    [Fact]
    public async Task An_ID_is_unavailable_only_when_a_store_that_might_hold_it_failed()
    {
        await using var held = new MemoryStore();
        var id = await new MessageCache(held).WriteAsync(Message.Of(("greeting", "hello")));
        await using var unreachable = new RemoteNodeStore(new RemoteNodeClient(new Uri($"http://127.0.0.1:{ClosedLoopbackPort()}/")));
        var options = new ResolveOptions { Cache = new StoreResolutionCache(new MessageCache(new StoreChain([held, unreachable], ownsStores: false))) };
        var resolver = new Resolver();

        var found = await resolver.ResolveManyAsync([ResolveInput.Of(AoBinary.FromString(id)), ResolveInput.Of(AoBinary.FromString("greeting"))], options);
        Assert.Equal(AoBinary.FromString("hello"), found.Value);
        var missing = await resolver.ResolveManyAsync([ResolveInput.Of(AoBinary.FromString(new string('A', 43)))], options);
        Assert.Equal(ResolveStatus.Unavailable, missing.Status);
        Assert.Equal(ResolveErrorCodes.MessageUnavailable, missing.ErrorCode);
        Assert.Contains("could not be reached", missing.ErrorMessage);
    }

    /// <summary>A loopback port that was just free: connecting to it is refused at once.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
