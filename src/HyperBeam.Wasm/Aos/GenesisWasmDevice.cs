using System.Globalization;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Emscripten;
using HyperBeam.Wasm.Execution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// <c>genesis-wasm@1.0</c>: runs a legacy AO process — an emscripten module speaking the JSON interface, the
/// process's <c>module</c> (a message ID loaded through the node's store chain; its <c>body</c> or <c>data</c> is
/// the wasm) — natively on the emscripten/WASI host (HyperBEAM hands these to a separate compute unit; the stack it
/// stands for is <c>wasi@1.0</c> → <c>json-iface@1.0</c> → the module). The default execution device of a process
/// that names none.
/// <list type="bullet">
/// <item><c>init</c>: compiles the module (once per module ID per node) and starts the process's instance.</item>
/// <item><c>compute</c>: the assignment's <c>body</c> as the AO message JSON and the process as the environment
/// (<see cref="AosJsonMessage"/>) into <c>handle</c>; its answer becomes <c>results</c> (<see cref="AosJsonResult"/>:
/// <c>data</c>, <c>outbox</c> for push@1.0, <c>json</c>, <c>error</c>). The clock is the assignment's
/// <c>timestamp</c>; <c>random_get</c> is seeded by the process and slot. A trap, running out of fuel or wall time,
/// or the memory cap is an error result for that slot (<c>results/type</c> = <c>error</c>) and the process goes on
/// from the memory it had before it.</item>
/// <item>A base marked a dry run (<see cref="DryRuns"/>, process@1.0's <c>as</c>): <c>compute</c> handles the message
/// on a copy of the process's instance (its memory after the last call), dropped after: nothing is kept.</item>
/// <item><c>snapshot</c>: the linear memory (compressed) and mutable globals (<see cref="AosSnapshot"/>);
/// <c>normalize</c> restores it into a fresh instance, so a restarted node resumes without replaying. A process whose
/// memory is within <see cref="AosOptions.InlineStateBytes"/> carries it in every computed state
/// (<see cref="InlineStateKey"/>), so a state read back from the result cache resumes too; a larger one resumes only
/// from a state that carries its <c>snapshot</c>.</item>
/// </list>
/// </summary>
public sealed class GenesisWasmDevice : Device, IDisposable
{
    public const string DeviceName = "genesis-wasm@1.0";

    /// <summary>The state key carrying a small process's memory in every computed state (<see cref="AosOptions.InlineStateBytes"/>).</summary>
    public const string InlineStateKey = "genesis-wasm-state";

    /// <summary>The process ID and environment JSON, fixed at <c>init</c> (see <see cref="AosCall"/>; json-iface@1.0 keeps the same).</summary>
    public const string ProcessIdKey = AosCall.ProcessIdKey, EnvironmentKey = AosCall.EnvironmentKey;

    private readonly AosOptions _options;
    private readonly AosModuleCache _modules;
    private readonly Dictionary<string, AosInstance> _instances = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AosWorker _worker = new();
    private long _clock;
    private bool _disposed;

    public GenesisWasmDevice(AosOptions? options = null)
        : base(DeviceName, new DeviceInfo { Exports = ["init", "compute", "snapshot", "normalize"] })
    {
        _options = options ?? AosOptions.Default;
        _modules = AosModuleCache.For(_options);
        Map("init", Guarded(InitAsync));
        Map("compute", Guarded(ComputeAsync));
        Map("snapshot", Guarded(SnapshotAsync));
        Map("normalize", Guarded(NormalizeAsync));
    }

    /// <summary>A fresh device per compute worker: a process's instance belongs to its worker.</summary>
    public static Func<Device> CreateFactory(AosOptions? options = null) => () => new GenesisWasmDevice(options);

    /// <summary>How many process instances are live on this device.</summary>
    public int InstanceCount
    {
        get
        {
            lock (_instances) return _instances.Count;
        }
    }

    public void Dispose()
    {
        lock (_instances)
        {
            _disposed = true;
            _worker.Dispose();
            foreach (var instance in _instances.Values) instance.Dispose();
            _instances.Clear();
        }
    }

    private async ValueTask<ResolveResult> InitAsync(Message state, Message request, ResolveContext ctx)
    {
        var (process, moduleId, failure) = ProcessOf(state);
        if (failure is not null) return failure.Value;
        var (module, loadFailure) = await ModuleAsync(moduleId!, ctx).ConfigureAwait(false);
        if (module is null) return loadFailure!.Value;
        var (instance, startFailure) = await StartAsync(module, moduleId!, null).ConfigureAwait(false);
        if (instance is null) return WasmReplies.Failed(422, "module-start-failed", startFailure!);
        Keep(MessageIds.All(process!), instance);
        return ResolveResult.Ok(AosCall.Fix(state, process!, moduleId!));
    }

    private async ValueTask<ResolveResult> ComputeAsync(Message state, Message request, ResolveContext ctx)
    {
        var (process, moduleId, failure) = ProcessOf(state);
        if (failure is not null) return failure.Value;
        var processId = ProcessId(state, process!);
        var instance = Existing(processId);
        if (instance is null)
            return WasmReplies.Failed(503, "no-instance", $"process {processId} has no live instance here: compute it again from its last snapshot");
        var call = AosCall.Of(state, process!, moduleId!, request);
        var dryRun = DryRuns.IsMarked(state);
        await _gate.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        (string? Result, string? Output, EmscriptenFailure? Failure) outcome;
        Message? inlineState = null;
        try
        {
            // A dry run handles the message on a copy of the process's memory, dropped after: the process is untouched.
            outcome = await _worker.Run(() =>
            {
                if (!dryRun) return instance.Handle(call.MessageJson, call.EnvironmentJson, call.TimestampMs, call.Seed);
                using var fork = AosInstance.Fork(instance, _options);
                return fork.Handle(call.MessageJson, call.EnvironmentJson, call.TimestampMs, call.Seed);
            }).ConfigureAwait(false);
            // Under the gate: a large checkpoint's image is the instance's own buffer, which its next call overwrites.
            if (!dryRun && instance.Checkpoint.Size <= _options.InlineStateBytes)
                inlineState = AosSnapshot.Encode(instance.ModuleId, instance.Checkpoint);
        }
        catch (Exception e) when (dryRun && e is EmscriptenFailure or InvalidOperationException or Wasmtime.WasmtimeException)
        {
            outcome = (null, null, e as EmscriptenFailure ?? new EmscriptenFailure(EmscriptenFailureKind.Trap, e.Message));
        }
        finally
        {
            _gate.Release();
        }
        var results = outcome.Failure is { } trap ? AosJsonResult.Failed($"{trap.Kind}: {trap.Message}") : call.Results(outcome.Result!);
        if (outcome.Output is { } stdout) results = results.Set("stdout", stdout);
        var next = state.Set("results", results);
        // A dry run's reply is this state, where aoconnect's dryrun reads the response from `raw` (as hyper-aos puts it).
        if (dryRun) return ResolveResult.Ok(results.Get("raw") is { } raw ? next.Remove(InlineStateKey).Set("raw", raw) : next.Remove(InlineStateKey));
        return ResolveResult.Ok(inlineState is not null ? next.Set(InlineStateKey, inlineState) : next.Remove(InlineStateKey));
    }

    private async ValueTask<ResolveResult> SnapshotAsync(Message state, Message request, ResolveContext ctx)
    {
        var (process, _, failure) = ProcessOf(state);
        if (failure is not null) return failure.Value;
        if (Existing(ProcessId(state, process!)) is not { } instance) return ResolveResult.Ok(Message.Empty);
        await _gate.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        try
        {
            return ResolveResult.Ok(AosSnapshot.Encode(instance.ModuleId, instance.Checkpoint));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<ResolveResult> NormalizeAsync(Message state, Message request, ResolveContext ctx)
    {
        var snapshot = state.GetMessage("snapshot") is { } taken && AosSnapshot.IsOne(taken) ? taken : state.GetMessage(InlineStateKey);
        if (!AosSnapshot.IsOne(snapshot)) return ResolveResult.Ok(state);
        var (process, moduleId, failure) = ProcessOf(state);
        if (failure is not null) return failure.Value;
        var (memory, reason) = AosSnapshot.Decode(snapshot!, moduleId!, _options.Host.MaxMemoryBytes);
        if (memory is null) return WasmReplies.Failed(422, "bad-snapshot", reason!);
        var (module, loadFailure) = await ModuleAsync(moduleId!, ctx).ConfigureAwait(false);
        if (module is null) return loadFailure!.Value;
        var (instance, startFailure) = await StartAsync(module, moduleId!, memory).ConfigureAwait(false);
        if (instance is null) return WasmReplies.Failed(422, "module-start-failed", startFailure!);
        Keep(ProcessId(state, process!), instance);
        return ResolveResult.Ok(state);
    }

    private static string ProcessId(Message state, Message process) => AosCall.ProcessIdOf(state, process);

    /// <summary>The process message and its module ID, from the state (<c>process</c>) or the state itself.</summary>
    private static (Message? Process, string? ModuleId, ResolveResult? Failure) ProcessOf(Message state)
    {
        var process = state.GetMessage("process") ?? state;
        if (process.GetText("module") is not { Length: > 0 } moduleId)
            return (null, null, WasmReplies.Failed(400, WasmErrorCodes.NoImage, "the process names no module (its 'module' key: the ID of the wasm module)"));
        return (process, moduleId, null);
    }

    private async ValueTask<(EmscriptenModule?, ResolveResult?)> ModuleAsync(string moduleId, ResolveContext ctx)
    {
        if (_modules.TryGet(moduleId) is { } compiled) return (compiled, null);
        if (ctx.Options.Cache is not { } cache)
            return (null, WasmReplies.Failed(503, WasmErrorCodes.ImageNotFound, $"module {moduleId} cannot be loaded: this node has no store"));
        var message = await cache.LoadAsync(moduleId, ctx.Options, ctx.CancellationToken).ConfigureAwait(false);
        if ((message?.Get("body") ?? message?.Get("data")) is not AoBinary { IsEmpty: false } image)
            return (null, WasmReplies.Failed(404, WasmErrorCodes.ImageNotFound, $"module {moduleId} is not in the store (or has no body)"));
        try
        {
            return (_modules.Get(moduleId, image.ToArray), null);
        }
        catch (Exception e) when (e is InvalidOperationException or Wasmtime.WasmtimeException)
        {
            return (null, WasmReplies.Failed(422, "bad-module", $"module {moduleId} cannot run here: {e.Message}"));
        }
    }

    private async Task<(AosInstance?, string?)> StartAsync(EmscriptenModule module, string moduleId, AosMemory? memory)
    {
        try
        {
            return (await _worker.Run(() => AosInstance.Create(module, moduleId, _options, memory)).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is EmscriptenFailure or InvalidOperationException or Wasmtime.WasmtimeException)
        {
            return (null, $"module {moduleId} failed to start: {e.Message}");
        }
    }

    private AosInstance? Existing(string processId)
    {
        lock (_instances)
        {
            if (!_instances.TryGetValue(processId, out var instance)) return null;
            instance.LastUsed = ++_clock;
            return instance;
        }
    }

    /// <summary>Makes <paramref name="instance"/> the process's, replacing any before it, within <see cref="AosOptions.MaxInstances"/>.</summary>
    private void Keep(string processId, AosInstance instance)
    {
        lock (_instances)
        {
            if (_disposed)
            {
                instance.Dispose();
                return;
            }
            if (_instances.Remove(processId, out var replaced)) replaced.Dispose();
            while (_instances.Count >= Math.Max(1, _options.MaxInstances))
            {
                var oldest = _instances.MinBy(e => e.Value.LastUsed);
                _instances.Remove(oldest.Key);
                oldest.Value.Dispose();
            }
            instance.LastUsed = ++_clock;
            _instances[processId] = instance;
        }
    }

    /// <summary>Nothing escapes as an exception but cancellation.</summary>
    private static DeviceFunction Guarded(DeviceFunction function) => async (@base, request, ctx) =>
    {
        try
        {
            return await function(@base, request, ctx).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return WasmReplies.Failed(500, "internal", $"{DeviceName} failed: {e.GetType().Name}: {e.Message}");
        }
    };
}
