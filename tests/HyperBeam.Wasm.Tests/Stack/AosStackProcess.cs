using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.JsonIface;
using HyperBeam.Wasm.Wasi;

namespace HyperBeam.Wasm.Tests.Stack;

/// <summary>
/// One AO process (one process message, one module uploaded to an in-memory store) computed two ways on one resolver:
/// by <c>genesis-wasm@1.0</c>, and by the HyperBEAM stack <c>[wasi@1.0, json-iface@1.0, wasm-64@1.0, multipass@1.0]</c>
/// as a process whose <c>execution-device</c> is <c>stack@1.0</c> (its state is the process message itself).
/// </summary>
internal sealed class AosStackProcess : IDisposable
{
    public static readonly string[] HyperBeamStack = ["WASI@1.0", "json-iface@1.0", "wasm-64@1.0", "multipass@1.0"];

    private readonly MessageCache _cache = new(new MemoryStore());
    private readonly GenesisWasmDevice _genesis = new();
    private readonly WasmDevice _wasm = new(processesOwnInstances: true);
    private long _slot;

    public AosStackProcess()
    {
        Resolver = new Resolver(
            DeviceRegistry.Preloaded.With(_genesis, _wasm, new WasiDevice(), new JsonIfaceDevice(), new MultipassDevice()),
            ResolveOptions.Default with { Cache = new StoreResolutionCache(_cache) });
    }

    public Resolver Resolver { get; }

    public Message Genesis { get; private set; } = Message.Empty;

    public Message Stacked { get; private set; } = Message.Empty;

    /// <summary>Uploads <paramref name="module"/> and initialises the process on both devices.</summary>
    public async Task SpawnAsync(byte[] module)
    {
        var moduleId = await _cache.WriteAsync(Message.Of(("body", module)));
        var process = Message.Of(("type", "Process"), ("name", "counter"), ("module", moduleId), ("image", moduleId),
            ("execution-device", "stack@1.0"), ("device-stack", AoList.Of([.. HyperBeamStack.Select(d => (AoValue)d)])),
            ("output-prefix", "wasm"), ("passes", 2));
        Genesis = await InitAsync(Message.Of(("device", GenesisWasmDevice.DeviceName), ("process", process)));
        Stacked = await InitAsync(process.Set("process", process).Set("device", "stack@1.0").Set("input-prefix", "process"));
    }

    /// <summary>The next slot with <paramref name="action"/> on both; their <c>results</c>.</summary>
    public async Task<(Message Genesis, Message Stacked)> SendAsync(string action, params (string Key, object? Value)[] extra)
    {
        var body = Message.Of(("action", action), ("from-process", "sender-process-id"), ("data", "hello " + action));
        foreach (var (key, value) in extra) body = body.Merge(Message.Of((key, value)));
        var assignment = Message.Of(("path", "compute"), ("slot", ++_slot), ("timestamp", 1_700_000_000_000L + _slot),
            ("block-height", 1000 + _slot), ("body", body));
        Genesis = await ComputeAsync(Genesis, assignment);
        Stacked = await ComputeAsync(Stacked, assignment);
        return (Genesis.GetMessage("results")!, Stacked.GetMessage("results")!);
    }

    private async Task<Message> InitAsync(Message state)
    {
        var result = await Resolver.ResolveAsync(state, "init");
        Assert.True(result.IsOk, result.ToString());
        return (Message)result.Value;
    }

    /// <summary>As process@1.0's runner computes: the previous slot's results dropped first.</summary>
    private async Task<Message> ComputeAsync(Message state, Message assignment)
    {
        var result = await Resolver.ResolveAsync(state.Remove("results"), assignment);
        Assert.True(result.IsOk, result.ToString());
        return (Message)result.Value;
    }

    public void Dispose()
    {
        _genesis.Dispose();
        _wasm.Dispose();
    }
}
