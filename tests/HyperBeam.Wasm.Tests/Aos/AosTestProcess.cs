using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;
using HyperBeam.Wasm.Aos;

namespace HyperBeam.Wasm.Tests.Aos;

/// <summary>A process on genesis-wasm@1.0 running CI's counter module (wasm/aos), uploaded to an in-memory store.</summary>
internal sealed class AosTestProcess : IDisposable
{
    public static readonly byte[] CounterModule = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter.wasm"));

    private readonly MessageCache _cache = new(new MemoryStore());
    private long _slot;

    public AosTestProcess(AosOptions? options = null)
    {
        Options = options;
        Device = new GenesisWasmDevice(options);
        Resolver = new Resolver(DeviceRegistry.Preloaded.With(Device), ResolveOptions.Default with { Cache = new StoreResolutionCache(_cache) });
    }

    public AosOptions? Options { get; }

    public GenesisWasmDevice Device { get; private set; }

    public Resolver Resolver { get; private set; }

    public Message State { get; private set; } = Message.Empty;

    public async Task<string> UploadAsync(byte[]? module = null) => await _cache.WriteAsync(Message.Of(("body", module ?? CounterModule)));

    public async Task<ResolveResult> SpawnAsync(string? moduleId = null)
    {
        moduleId ??= await UploadAsync();
        var process = Message.Of(("type", "Process"), ("module", moduleId), ("name", "counter"));
        var state = Message.Of(("device", GenesisWasmDevice.DeviceName), ("process", process));
        var result = await Resolver.ResolveAsync(state, "init");
        if (result is { IsOk: true, Value: Message initialized }) State = initialized;
        return result;
    }

    /// <summary>Computes the next slot with a message carrying <paramref name="action"/>; returns its results.</summary>
    public async Task<Message> SendAsync(string action, params (string Key, object? Value)[] extra)
    {
        var body = Message.Of(("action", action), ("from-process", "sender-process-id"), ("data", "hello " + action));
        foreach (var (key, value) in extra) body = body.Merge(Message.Of((key, value)));
        var assignment = Message.Of(("path", "compute"), ("slot", ++_slot), ("timestamp", 1_700_000_000_000L + _slot),
            ("block-height", 1000 + _slot), ("body", body));
        var result = await Resolver.ResolveAsync(State, assignment);
        Assert.True(result.IsOk, result.ToString());
        State = (Message)result.Value;
        return State.GetMessage("results")!;
    }

    /// <summary>Swaps the state (what a store round trip or a restart could hand the device).</summary>
    public void Replace(Message state) => State = state;

    public async Task<Message> SnapshotAsync()
    {
        var result = await Resolver.ResolveAsync(State, "snapshot");
        Assert.True(result.IsOk, result.ToString());
        return (Message)result.Value;
    }

    /// <summary>A fresh device (as after a restart) given the state, with <paramref name="snapshot"/> when one, to normalize.</summary>
    public async Task<ResolveResult> RestartFromAsync(Message? snapshot)
    {
        Device.Dispose();
        Device = new GenesisWasmDevice(Options);
        Resolver = new Resolver(DeviceRegistry.Preloaded.With(Device), ResolveOptions.Default with { Cache = new StoreResolutionCache(_cache) });
        var result = await Resolver.ResolveAsync(snapshot is null ? State : State.Set("snapshot", snapshot), "normalize");
        if (result is { IsOk: true, Value: Message normalized }) State = normalized.Remove("snapshot");
        return result;
    }

    public void Dispose() => Device.Dispose();
}
