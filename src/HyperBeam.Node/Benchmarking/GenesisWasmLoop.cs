using System.Diagnostics;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Wasm.Aos;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// A genesis-wasm@1.0 counter process computing one Count message per step, measured in windows so that its rows can
/// alternate with ao-loader's in the same run (a shared machine's load drifts within seconds): either the device
/// called through a resolver (message to JSON, <c>handle</c>, JSON to results, the memory kept for a rollback) or
/// what a compute worker runs per slot around it (<see cref="ExecutionRunner"/>, the execution device swapped in and
/// out), without actors.
/// </summary>
public sealed class GenesisWasmLoop : IDisposable
{
    private readonly GenesisWasmDevice _device;
    private readonly Func<Message, long, CancellationToken, ValueTask<ResolveResult>> _step;
    private Message _state;
    private long _slot;

    private GenesisWasmLoop(string name, GenesisWasmDevice device, Message state, Func<Message, long, CancellationToken, ValueTask<ResolveResult>> step)
    {
        Name = name;
        _device = device;
        _state = state;
        _step = step;
    }

    public string Name { get; }

    /// <summary>
    /// The device through a resolver. With <paramref name="memoryInState"/> false the process's memory is kept only for
    /// snapshots (<see cref="AosOptions.InlineStateBytes"/> 0) rather than compressed into every computed state: what
    /// that resume-from-the-result-cache costs per message.
    /// </summary>
    public static async Task<GenesisWasmLoop> DeviceAsync(GenesisWasmCounter counter, CancellationToken cancellationToken, bool memoryInState = true)
    {
        var device = new GenesisWasmDevice(memoryInState ? GenesisWasmCounter.Options : GenesisWasmCounter.Options with { InlineStateBytes = 0 });
        var resolver = new Resolver(DeviceRegistry.Preloaded.With(device), counter.ResolveOptions);
        var state = await GenesisWasmBaselines.InitAsync(resolver, counter, cancellationToken);
        return new GenesisWasmLoop(memoryInState ? ComputeBenchRows.GenesisWasmDevice : ComputeBenchRows.GenesisWasmDeviceSnapshotsOnly, device, state,
            (s, slot, ct) => resolver.ResolveAsync(s, GenesisWasmCounter.Assignment(slot), cancellationToken: ct));
    }

    public static async Task<GenesisWasmLoop> RunnerAsync(GenesisWasmCounter counter, CancellationToken cancellationToken)
    {
        var device = new GenesisWasmDevice(GenesisWasmCounter.Options);
        var options = counter.ResolveOptions;
        var runner = new ExecutionRunner(new Resolver(DeviceRegistry.Preloaded.With(device), options), options);
        var process = counter.Process();
        var initialized = await runner.InitAsync(ProcessStateKeys.Initial(process), cancellationToken);
        var state = initialized is { IsOk: true, Value: Message ready } ? ready : throw new InvalidOperationException("the counter's init failed: " + initialized.Value);
        var template = AssignmentFactory.Create(ComputeCounterProcess.IdOf(process), 0, new byte[32], GenesisWasmCounter.Count, 1000, 1_700_000_000_000);
        return new GenesisWasmLoop(ComputeBenchRows.GenesisWasmRunner, device, state,
            (s, slot, ct) => runner.ComputeAsync(s, slot, template.Set(ProcessStateKeys.Slot, new AoInteger(slot)), ct));
    }

    /// <summary>Computes messages for <paramref name="length"/>; the counter must have counted every one (else it throws).</summary>
    public async Task<ComputeBenchResult> RunAsync(TimeSpan length, CancellationToken cancellationToken)
    {
        var first = _slot;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < length && !cancellationToken.IsCancellationRequested)
        {
            var slot = ++_slot;
            var result = await _step(_state, slot, cancellationToken);
            _state = result is { IsOk: true, Value: Message next } ? next : throw new InvalidOperationException($"slot {slot} failed: {result.Value}");
        }
        var elapsed = clock.Elapsed;
        var data = _state.GetMessage("results")?.GetText("data");
        if (data != $"count {_slot}") throw new InvalidOperationException($"the counter answered '{data}' after {_slot} messages");
        return new ComputeBenchResult(Name, _slot - first, elapsed);
    }

    public void Dispose() => _device.Dispose();
}
