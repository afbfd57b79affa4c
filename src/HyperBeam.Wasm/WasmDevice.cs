using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Execution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm;

/// <summary>
/// <c>wasm-64@1.0</c> (HyperBEAM's <c>dev_wasm</c>): runs a WebAssembly (memory64) image on Wasmtime. The instance and
/// its linear memory are the process state and live on this device between calls.
/// <list type="bullet">
/// <item><c>init</c>: loads <c>[input-prefix]/image</c> (an ID read through the cache, a message with the image as
/// <c>body</c>, or the wasm/WAT bytes; else the base's <c>body</c>) and starts a fresh instance → the base, naming its
/// instance in <c>priv/[output-prefix]/instance</c>.</item>
/// <item><c>compute</c>: calls <c>function</c> (from the request's <c>body/function</c> or <c>function</c>, else the
/// base's) with <c>parameters</c> (a list of numbers) → the state with <c>results/[output-prefix]/type</c> =
/// <c>ok</c> and <c>results/[output-prefix]/output</c> = the list of returned numbers. No function → the state
/// unchanged, as on any stack pass after the first. Imports are answered through <c>import</c>.</item>
/// <item><c>snapshot</c>: → <c>{body: linear memory}</c>. A state carrying it as <c>snapshot</c> is restored on a
/// device that has no instance for it (a restarted worker continues where the snapshot was taken).</item>
/// <item><c>normalize</c>: attaches or restores the instance → the state without <c>snapshot</c>.</item>
/// <item><c>import</c>: see <see cref="WasmImportKey"/>. <c>terminate</c>: drops the instance.
/// <c>instance</c>: <c>{image-hash, exports, imports, memory-bytes, memory64}</c> of the live instance.</item>
/// <item><c>write</c>, <c>read</c>, <c>free</c>: strings into and out of the instance's memory through its own
/// <c>malloc</c>/<c>free</c>, for <c>json-iface@1.0</c> (see <see cref="WasmStringKeys"/>).</item>
/// </list>
/// A process owns its instance on its compute worker's device (one per process: a new <c>init</c> replaces the old);
/// every other instance is pooled within <see cref="WasmOptions.MaxPooledInstances"/> and
/// <see cref="WasmOptions.MaxPooledBytes"/>, least recently used first out, so untrusted inits cannot hold threads and
/// memory for ever. Fuel, memory and table limits come from <see cref="WasmOptions"/>; every failure is an error result with a
/// <c>status</c>, an <c>error</c> code (<see cref="WasmErrorCodes"/>) and a <c>body</c>, and a trap discards the instance.
/// </summary>
public sealed class WasmDevice : Device, IDisposable
{
    public const string DeviceName = "wasm-64@1.0";

    private static readonly string[] Keys = ["init", "compute", "snapshot", "normalize", "import", "terminate", "instance", "write", "read", "free"];

    private readonly WasmRuntime _runtime;
    private readonly WasmInstanceTable _instances;

    /// <param name="options">Limits; <see cref="WasmOptions.Default"/> when null.</param>
    /// <param name="processesOwnInstances">
    /// True for a device that one process's compute worker owns: the instance of a <c>process</c> is then the process's
    /// own, kept until it is replaced or the device is disposed. False for a device that answers requests from anyone:
    /// every instance is pooled (a <c>process</c> key in a request proves nothing).
    /// </param>
    public WasmDevice(WasmOptions? options = null, bool processesOwnInstances = false)
        : base(DeviceName, new DeviceInfo { Exports = Keys })
    {
        Options = options ?? WasmOptions.Default;
        ArgumentOutOfRangeException.ThrowIfZero(Options.FuelPerCall, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxMemoryBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxWasmStackBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxPooledInstances, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxPooledBytes, nameof(options));
        _runtime = new WasmRuntime(Options);
        _instances = new WasmInstanceTable(_runtime, processesOwnInstances);
        Map("init", Guarded(InitAsync));
        Map("compute", Guarded(ComputeAsync));
        Map("snapshot", Guarded(SnapshotAsync));
        Map("normalize", Guarded(NormalizeAsync));
        Map("import", Guarded(WasmImportKey.ImportAsync));
        Map("terminate", Guarded(TerminateAsync));
        Map("instance", Guarded(InstanceAsync));
        Map("write", Guarded((b, r, c) => WasmStringKeys.WriteAsync(_instances, b, r, c)));
        Map("read", Guarded((b, r, c) => WasmStringKeys.ReadAsync(_instances, b, r, c)));
        Map("free", Guarded((b, r, c) => WasmStringKeys.FreeAsync(_instances, b, r, c)));
    }

    /// <summary>A fresh device per call, for compute workers that each own their engine and their process's instance.</summary>
    public static Func<Device> CreateFactory(WasmOptions? options = null) => () => new WasmDevice(options, processesOwnInstances: true);

    public WasmOptions Options { get; }

    /// <summary>How many instances are live on this device.</summary>
    public int InstanceCount => _instances.Count;

    /// <summary>How many instance threads of this device are still running (an instance's thread ends after it is disposed).</summary>
    public int InstanceThreadCount => _runtime.InstanceThreads;

    /// <summary>How many calls are using an instance right now (an instance in use is not disposed until they finish).</summary>
    internal int InstanceCallsInProgress => _instances.Leases;

    public void Dispose()
    {
        _instances.Dispose();
        _runtime.Dispose();
    }

    private async ValueTask<ResolveResult> InitAsync(Message @base, Message request, ResolveContext ctx)
    {
        var (_, state, failure) = await _instances.InitAsync(@base, ctx).ConfigureAwait(false);
        return failure is null ? ResolveResult.Ok(state) : WasmReplies.Failed(failure);
    }

    private async ValueTask<ResolveResult> ComputeAsync(Message @base, Message request, ResolveContext ctx)
    {
        var (lease, state, failure) = await _instances.AttachAsync(@base, ctx).ConfigureAwait(false);
        if (lease is null) return WasmReplies.Failed(failure!);
        using var _ = lease;
        var instance = lease.Instance;
        // Inside a multi-pass stack the module runs on the first pass only, as dev_wasm does.
        if (@base.Get("pass") is AoInteger { Value: not 1 }) return ResolveResult.Ok(state);
        var function = Text(FirstOf(request, "body/function", "function") ?? @base.Get("function"));
        if (function is null) return ResolveResult.Ok(state);
        if (!TryParameters(FirstOf(request, "body/parameters", "parameters") ?? @base.Get("parameters"), out var parameters))
            return WasmReplies.Failed(400, WasmErrorCodes.BadParameters, "'parameters' must be a list of numbers");
        var imports = new WasmResolverImports(instance, state, ctx);
        var (values, callFailure) = await instance.CallAsync(function, parameters, imports).ConfigureAwait(false);
        if (callFailure is not null)
        {
            if (callFailure.DiscardsInstance) _instances.Discard(instance);
            ctx.CancellationToken.ThrowIfCancellationRequested();
            return WasmReplies.Failed(callFailure);
        }
        var results = WasmPaths.Join("results", WasmPaths.OutputPrefix(state));
        var computed = WasmPaths.Set(imports.State, $"{results}/type", "ok");
        computed = WasmPaths.Set(computed, $"{results}/output", new AoList(values!));
        return ResolveResult.Ok(WasmInstanceTable.Named(computed, instance.Key));
    }

    private async ValueTask<ResolveResult> SnapshotAsync(Message @base, Message request, ResolveContext ctx)
    {
        var (lease, _, failure) = await _instances.AttachAsync(@base, ctx).ConfigureAwait(false);
        if (lease is null) return WasmReplies.Failed(failure!);
        using var _ = lease;
        var (memory, snapshotFailure) = await lease.Instance.SnapshotAsync().ConfigureAwait(false);
        return memory is null ? WasmReplies.Failed(snapshotFailure!) : ResolveResult.Ok(Message.Of(("body", memory)));
    }

    private async ValueTask<ResolveResult> NormalizeAsync(Message @base, Message request, ResolveContext ctx)
    {
        var (lease, state, failure) = await _instances.AttachAsync(@base, ctx).ConfigureAwait(false);
        if (lease is null) return WasmReplies.Failed(failure!);
        lease.Dispose();
        return ResolveResult.Ok(state);
    }

    private ValueTask<ResolveResult> TerminateAsync(Message @base, Message request, ResolveContext ctx)
    {
        if (_instances.Existing(@base) is { } instance) _instances.Discard(instance);
        var state = @base.WithPriv(@base.Priv.Remove(WasmPaths.InstanceKey(@base)));
        return ValueTask.FromResult(ResolveResult.Ok(state));
    }

    private async ValueTask<ResolveResult> InstanceAsync(Message @base, Message request, ResolveContext ctx)
    {
        if (_instances.LeaseExisting(@base) is not { } lease)
            return WasmReplies.Failed(404, WasmErrorCodes.NoInstance, "no live wasm instance for this state");
        using var _ = lease;
        var (description, failure) = await lease.Instance.DescribeAsync().ConfigureAwait(false);
        return description is null ? WasmReplies.Failed(failure!) : ResolveResult.Ok(description);
    }

    /// <summary>Keeps the device's promise that nothing escapes as an exception but cancellation.</summary>
    private static DeviceFunction Guarded(DeviceFunction function) => async (@base, request, ctx) =>
    {
        try
        {
            return await function(@base, request, ctx).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return WasmReplies.Failed(500, "internal", $"wasm-64@1.0 failed: {e.GetType().Name}: {e.Message}");
        }
    };

    private static AoValue? FirstOf(Message message, params string[] paths)
    {
        foreach (var path in paths)
            if (WasmPaths.Get(message, path) is { } value) return value;
        return null;
    }

    private static string? Text(AoValue? value) => value is AoBinary { IsEmpty: false } b && b.IsUtf8 ? b.Text : null;

    private static bool TryParameters(AoValue? value, out IReadOnlyList<AoValue> parameters)
    {
        parameters = value switch
        {
            null => [],
            AoList list => list.Items,
            AoInteger or AoFloat => [value],
            Message numbered when numbered.Keys.All(k => int.TryParse(k, out _)) =>
                numbered.Keys.OrderBy(int.Parse).Select(k => numbered.Get(k)!).ToArray(),
            _ => null!,
        };
        return parameters is not null;
    }
}
