using System.Text;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

public sealed class WasmImageCacheTests : IDisposable
{
    private readonly WasmHost _host = new();

    [Fact]
    public async Task An_image_ID_is_loaded_through_the_cache()
    {
        var id = _host.Cache.PutImage(Encoding.UTF8.GetBytes(WatModules.Arithmetic));
        var state = await _host.InitAsync(WasmHost.Process(id));
        Assert.Equal(new AoInteger(9), (await _host.CallAsync(state, "add", 4, 5)).Value);
        var binaryId = _host.Cache.PutImage(WatModules.AnswerBinary);
        var answer = await _host.InitAsync(WasmHost.Process(binaryId));
        Assert.Equal(new AoInteger(42), (await _host.CallAsync(answer, "answer")).Value);
    }

    [Fact]
    public async Task An_image_written_to_the_node_message_cache_is_loaded_by_its_ID()
    {
        var cache = new MessageCache(new MemoryStore());
        var imageId = await cache.WriteAsync(Message.Of(("body", WatModules.AnswerBinary)));
        var resolver = new Resolver(DeviceRegistry.Preloaded.With(_host.Device),
            ResolveOptions.Default with { Cache = new StoreResolutionCache(cache) });
        var init = await resolver.ResolveAsync(WasmHost.Process(imageId), "init");
        Assert.True(init.IsOk, init.ToString());
        var result = await resolver.ResolveAsync((Message)init.Value, Message.Of(("path", "compute"), ("function", "answer")));
        Assert.Equal(AoList.Of(42), WasmHost.Output(result));
    }

    [Fact]
    public async Task An_image_ID_missing_from_the_cache_is_not_found()
    {
        var result = await _host.Resolver.ResolveAsync(WasmHost.Process(new string('A', 43)), "init");
        WasmHost.Fails(404, "image-not-found", result);
    }

    [Fact]
    public async Task An_image_ID_without_any_cache_is_unavailable()
    {
        var id = _host.Cache.PutImage(Encoding.UTF8.GetBytes(WatModules.Arithmetic));
        var result = await _host.Resolver.ResolveAsync(WasmHost.Process(id), "init", ResolveOptions.Default);
        WasmHost.Fails(503, "image-not-found", result);
    }

    public void Dispose() => _host.Dispose();
}
