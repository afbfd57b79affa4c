using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Wasm.Tests.Support;

/// <summary>A real resolver with a <see cref="WasmDevice"/> (and any test devices) registered, and an image cache.</summary>
public sealed class WasmHost : IDisposable
{
    public WasmHost(WasmOptions? options = null, params Device[] devices)
        : this(new WasmDevice(options), devices)
    {
    }

    private WasmHost(WasmDevice device, Device[] devices)
    {
        Device = device;
        Cache = new MemoryImageCache();
        Resolver = new Resolver(DeviceRegistry.Preloaded.With([Device, .. devices]), ResolveOptions.Default with { Cache = Cache });
    }

    /// <summary>A host whose device belongs to one process's compute worker, as the node makes them for processes.</summary>
    public static WasmHost ForProcessWorker(WasmOptions? options = null, params Device[] devices) =>
        new(new WasmDevice(options, processesOwnInstances: true), devices);

    /// <summary>Limits small enough that the misbehaving modules fail fast.</summary>
    public static WasmOptions Tight { get; } = new()
    {
        FuelPerCall = 5_000_000,
        MaxMemoryBytes = 4L << 20,
        OptimizeCode = false,
    };

    public WasmDevice Device { get; }

    public MemoryImageCache Cache { get; }

    public Resolver Resolver { get; }

    public static Message Process(AoValue image, params (string Key, object? Value)[] extra) =>
        Message.Of([("device", WasmDevice.DeviceName), ("image", image), .. extra]);

    public async Task<ResolveResult> ResolveAsync(Message @base, Message request) =>
        await Resolver.ResolveAsync(@base, request);

    public async Task<Message> InitAsync(Message @base)
    {
        var result = await Resolver.ResolveAsync(@base, "init");
        Assert.True(result.IsOk, $"init failed: {result}");
        return Assert.IsType<Message>(result.Value);
    }

    public Task<ResolveResult> ComputeAsync(Message state, string function, params AoValue[] parameters) =>
        ResolveAsync(state, Message.Of(("path", "compute"), ("function", function), ("parameters", new AoList(parameters))));

    /// <summary>Computes and returns the state with the single result value.</summary>
    public async Task<(Message State, AoValue Value)> CallAsync(Message state, string function, params AoValue[] parameters)
    {
        var result = await ComputeAsync(state, function, parameters);
        var output = Output(result);
        Assert.Single(output);
        return ((Message)result.Value, output[0]);
    }

    public static AoList Output(ResolveResult result, string prefix = "")
    {
        Assert.True(result.IsOk, $"expected ok, got {result}");
        var results = Assert.IsType<Message>(((Message)result.Value).Get("results"));
        if (prefix.Length > 0) results = Assert.IsType<Message>(results.Get(prefix));
        Assert.Equal("ok", results.GetText("type"));
        return Assert.IsType<AoList>(results.Get("output"));
    }

    public static void Fails(int status, string code, ResolveResult result)
    {
        Assert.False(result.IsOk, $"expected failure {status} {code}, got {result}");
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal(code, reply.GetText("error"));
        Assert.Equal(new AoInteger(status), reply.Get("status"));
        Assert.False(string.IsNullOrWhiteSpace(reply.GetText("body")));
    }

    public void Dispose() => Device.Dispose();
}
