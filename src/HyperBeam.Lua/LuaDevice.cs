using System.Collections.Concurrent;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Engine;
using HyperBeam.Lua.Modules;
using HyperBeam.Lua.Results;
using HyperBeam.Lua.Vm;

namespace HyperBeam.Lua;

/// <summary>
/// <c>lua@5.3a</c> (HyperBEAM's <c>dev_lua</c>): AO-Core devices written in Lua. The VM is Lua 5.3.6 compiled to
/// WebAssembly (<c>Engine/lua53.wasm</c>, built by <c>wasm/lua/build.sh</c>) on the emscripten host in HyperBeam.Wasm:
/// Wasmtime fuel meters every instruction (Lua's, the C library's, finalizers'), an epoch deadline bounds wall time,
/// the linear memory is capped, and values cross in one binary encoding per call.
/// <list type="bullet">
/// <item>any key not in the base message: calls the global Lua function of that name (or the request's or base's
/// <c>function</c>) with <c>(base, request, opts)</c> — or the request's or base's <c>parameters</c> list — and maps
/// the return as <see cref="LuaResultMapper"/> says; a key with no such function falls back to <c>message@1.0</c>;</item>
/// <item><c>init</c>: loads the modules (compiling them once per device) and returns the base;</item>
/// <item><c>functions</c>: the sorted names of the global Lua functions;</item>
/// <item><c>snapshot</c>: the whole Lua state (<see cref="Engine.LuaSnapshot"/>: the engine's linear memory, compressed;
/// a compute worker captures it instead, <see cref="CaptureSnapshotAsync"/>, packed on another thread if it is written);
/// <c>normalize</c>: a base carrying such a <c>snapshot</c> gets its VM back from it in a fresh engine instance, any
/// other base is returned unchanged;</item>
/// <item><c>keys</c>, <c>set</c>, <c>encode</c>, <c>decode</c> and keys present in the base: <c>message@1.0</c>.</item>
/// </list>
/// One VM per owner and set of modules, reused across calls: the owner is the process a state names under
/// <c>process</c> (processes of one module never share globals); a base naming none gets a VM that starts every call
/// from its loaded state; a base marked <c>priv-dry-run</c> runs on a fork of its VM that is dropped after. A VM that exceeds its instruction budget, wall time or
/// memory limit is discarded (the call is an error result, nothing keeps running) and rebuilt on next use. A device instance belongs to one compute worker; dispose it to free
/// its VMs.
/// </summary>
public sealed class LuaDevice : Device, IDisposable, ISnapshotCapture
{
    public const string DeviceName = "lua@5.3a";

    /// <summary>The key of a process state that names the process, and so the VM's owner.</summary>
    public const string OwnerKey = "process";

    private static readonly Message EmptyOpts = Message.Empty;

    private readonly LuaOptions _options;
    private readonly LuaModuleLoader _loader = new();
    private readonly ConcurrentDictionary<string, LuaVm> _vms = new(StringComparer.Ordinal);
    private readonly Lock _vmsLock = new();
    private volatile bool _disposed;
    private volatile LastModules? _last;
    private int _liveThreads;

    public LuaDevice(LuaOptions? options = null)
        : base(DeviceName)
    {
        _options = options ?? LuaOptions.Default;
        Info = new DeviceInfo { Default = CallAsync, Excludes = ["keys", "set", "encode", "decode"] };
        Map("init", InitAsync);
        Map("functions", FunctionsAsync);
        Map("normalize", NormalizeAsync);
        Map("snapshot", SnapshotAsync);
    }

    /// <summary>A factory for compute workers: each call makes a fresh device (and so fresh VMs).</summary>
    public static Func<Device> CreateFactory(LuaOptions? options = null) => () => new LuaDevice(options);

    /// <summary>How many VMs are live (for tests and metrics).</summary>
    public int VmCount => _vms.Count;

    /// <summary>The engine memory all live VMs hold, as of their last calls.</summary>
    public long VmBytes => LiveBytes();

    /// <summary>Threads of this device's VMs that have not ended yet (a disposed VM's ends after its queued calls).</summary>
    public int LiveVmThreads => Volatile.Read(ref _liveThreads);

    public void Dispose()
    {
        lock (_vmsLock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        foreach (var vm in _vms.Values) vm.Dispose();
        _vms.Clear();
    }

    private async ValueTask<ResolveResult> InitAsync(Message @base, Message request, ResolveContext context)
    {
        var (vm, error) = await VmForAsync(@base, context).ConfigureAwait(false);
        if (vm is null) return error;
        if (await vm.ReadyAsync().ConfigureAwait(false) is { } failure) return Fail(vm, failure);
        return ResolveResult.Ok(@base);
    }

    /// <summary>The Lua state of the base's VM (<see cref="LuaSnapshot"/>), to keep with the process's compute snapshots.</summary>
    private async ValueTask<ResolveResult> SnapshotAsync(Message @base, Message request, ResolveContext context)
    {
        var (vm, error) = await VmForAsync(@base, context).ConfigureAwait(false);
        if (vm is null) return error;
        var (snapshot, failure) = await vm.EncodedSnapshotAsync().ConfigureAwait(false);
        return snapshot is null ? Fail(vm, failure!) : ResolveResult.Ok(snapshot);
    }

    /// <summary>
    /// <c>snapshot</c> of the VM the last call used, fixed now and packed on another thread when it is wanted
    /// (<see cref="LuaVm.CaptureSnapshotAsync"/>): a process's compute captures the state it just computed and goes on.
    /// Any other base (null) takes the <c>snapshot</c> key's way.
    /// </summary>
    public async ValueTask<CapturedSnapshot?> CaptureSnapshotAsync(Message @base)
    {
        if (_disposed || LastVmFor(@base) is not { } vm) return null;
        var (captured, _) = await vm.CaptureSnapshotAsync().ConfigureAwait(false);
        return captured;
    }

    /// <summary>
    /// A base carrying a <c>snapshot</c> gets its VM back from it, in a fresh engine instance (a restarted worker or
    /// node resumes with every global intact); any other base is returned unchanged.
    /// </summary>
    private async ValueTask<ResolveResult> NormalizeAsync(Message @base, Message request, ResolveContext context)
    {
        if (@base.GetMessage("snapshot") is not { } snapshot || !snapshot.ContainsKey(LuaSnapshot.EngineKey)) return ResolveResult.Ok(@base);
        if (_disposed) return Disposed();
        var (modules, error) = await _loader.LoadAsync(@base, context).ConfigureAwait(false);
        if (modules is null) return error;
        var (memory, reason) = LuaSnapshot.Decode(snapshot, LuaWasmInterpreter.HostOptions(_options).MaxMemoryBytes);
        if (memory is null) return LuaReplies.Status(422, reason!);
        var key = VmKey(modules, @base.Get(OwnerKey));
        var vm = NewVm(key, modules, memory, pristine: !@base.ContainsKey(OwnerKey));
        if (await vm.ReadyAsync().ConfigureAwait(false) is { } failure)
        {
            vm.Dispose();
            return LuaResultMapper.ToResult(failure);
        }
        lock (_vmsLock)
        {
            if (_disposed)
            {
                vm.Dispose();
                return Disposed();
            }
            if (_vms.TryGetValue(key, out var replaced)) replaced.Dispose();
            else EvictBeyondLimit();
            _vms[key] = vm;
        }
        return ResolveResult.Ok(@base);
    }

    private async ValueTask<ResolveResult> FunctionsAsync(Message @base, Message request, ResolveContext context)
    {
        var (vm, error) = await VmForAsync(@base, context).ConfigureAwait(false);
        if (vm is null) return error;
        var (names, failure) = await vm.FunctionNamesAsync().ConfigureAwait(false);
        return failure is null ? ResolveResult.Ok(new AoList(names!.Select(n => (AoValue)n))) : Fail(vm, failure);
    }

    private async ValueTask<ResolveResult> CallAsync(Message @base, Message request, ResolveContext context)
    {
        // HyperBEAM excludes every key of the base: those are plain reads.
        if (@base.ContainsKey(context.Key)) return await MessageFallbackAsync(@base, request, context).ConfigureAwait(false);

        var (vm, error) = await VmForAsync(@base, context).ConfigureAwait(false);
        if (vm is null) return error;
        var function = FunctionName(@base, request, context.Key);
        var dryRun = DryRuns.IsMarked(@base);
        var outcome = dryRun
            ? await DryRunAsync(vm, function, Arguments(@base, request), context).ConfigureAwait(false)
            : await vm.CallAsync(function, Arguments(@base, request), context).ConfigureAwait(false);
        TrimToBudget(vm);
        return outcome switch
        {
            LuaCallOutcome.Returned returned => LuaResultMapper.ToResult(returned, @base),
            LuaCallOutcome.NoFunction => await MessageFallbackAsync(@base, request, context).ConfigureAwait(false),
            // A failed dry run failed on its fork: the process's own VM is as it was and stays.
            LuaCallOutcome.Failed failed => dryRun ? LuaResultMapper.ToResult(failed) : Fail(vm, failed),
            _ => throw new InvalidOperationException($"unexpected Lua outcome {outcome}"),
        };
    }

    /// <summary>A call on a fork of the VM (a fresh engine from a copy of its memory), dropped after: the VM is untouched.</summary>
    private async Task<LuaCallOutcome> DryRunAsync(LuaVm vm, string function, IReadOnlyList<AoValue> arguments, ResolveContext context)
    {
        var (memory, failure) = await vm.SnapshotAsync().ConfigureAwait(false);
        if (memory is null) return failure!;
        var fork = NewVm(vm.Key + "/dry-run", vm.Modules, memory);
        try
        {
            return await fork.CallAsync(function, arguments, context).ConfigureAwait(false);
        }
        finally
        {
            fork.Dispose();
        }
    }

    private ResolveResult Fail(LuaVm vm, LuaCallOutcome.Failed failure)
    {
        // A runaway call leaves its VM at the state before it; only a VM that cannot go on is dropped.
        if (failure.Kind is LuaFailureKind.LoadError or LuaFailureKind.Disposed || vm.IsBroken) Discard(vm);
        return LuaResultMapper.ToResult(failure);
    }

    private static ValueTask<ResolveResult> MessageFallbackAsync(Message @base, Message request, ResolveContext context)
    {
        var devices = context.Resolver.Devices;
        var call = devices.FindFunction(devices.Default, @base, context.Key);
        return call.Function(@base, request, context);
    }

    private async ValueTask<(LuaVm? Vm, ResolveResult Error)> VmForAsync(Message @base, ResolveContext context)
    {
        if (_disposed) return (null, Disposed());
        // A process calls with the same modules slot after slot: comparing them with the last call's is far cheaper
        // than collecting and hashing them again.
        if (LastVmFor(@base) is { } lastVm)
        {
            lastVm.Touch();
            return (lastVm, default);
        }

        var (spec, sandbox, owner) = (@base.Get("module"), @base.Get("sandbox"), @base.Get(OwnerKey));
        var (modules, error) = await _loader.LoadAsync(@base, context).ConfigureAwait(false);
        if (modules is null) return (null, error);
        var found = VmFor(VmKey(modules, owner), modules, pristine: owner is null);
        if (found.Vm is { } vm) _last = new LastModules(spec!, sandbox, owner, vm);
        return found;
    }

    /// <summary>The VM of the last call when <paramref name="base"/> names the same modules, sandbox and owner, and it still serves them.</summary>
    private LuaVm? LastVmFor(Message @base)
    {
        var (spec, sandbox, owner) = (@base.Get("module"), @base.Get("sandbox"), @base.Get(OwnerKey));
        return _last is { } last && spec is not null && last.Spec.Equals(spec) && Equals(last.Sandbox, sandbox) && SameOwner(last.Owner, owner) && IsLive(last.Vm)
            ? last.Vm
            : null;
    }

    private static bool SameOwner(AoValue? last, AoValue? owner) => ReferenceEquals(last, owner) || Equals(last, owner);

    /// <summary>
    /// A VM belongs to one owner and its modules: the process a state message carries under <c>process</c> (every AOS
    /// user spawns the same module, and no process may read another's globals), or — for a base that is no process
    /// state — nobody, on a VM that starts every call from its loaded state.
    /// </summary>
    private static string VmKey(LuaModuleSet modules, AoValue? owner) => owner switch
    {
        null => modules.Key + "/anonymous",
        Message process => modules.Key + "/" + MessageIds.All(process),
        var other => modules.Key + "/" + MessageIds.All(Message.Of(("value", other))),
    };

    private (LuaVm? Vm, ResolveResult Error) VmFor(string key, LuaModuleSet modules, bool pristine)
    {
        if (_vms.TryGetValue(key, out var existing))
        {
            existing.Touch();
            return (existing, default);
        }
        lock (_vmsLock)
        {
            if (_disposed) return (null, Disposed());
            if (_vms.TryGetValue(key, out existing)) return (existing, default);
            EvictBeyondLimit();
            var vm = NewVm(key, modules, null, pristine);
            _vms[key] = vm;
            return (vm, default);
        }
    }

    /// <summary>
    /// Makes room for one more VM within <see cref="LuaOptions.MaxVms"/> and <see cref="LuaOptions.MaxVmBytes"/>: the
    /// least recently used ones are disposed (after the calls already queued on them), freeing their engine memory and
    /// thread. Called under the lock.
    /// </summary>
    private void EvictBeyondLimit()
    {
        while (_vms.Count >= Math.Max(1, _options.MaxVms) || (_vms.Count > 0 && LiveBytes() >= _options.MaxVmBytes))
        {
            var oldest = _vms.Values.MinBy(vm => vm.LastUsed);
            if (oldest is null) return;
            Discard(oldest);
        }
    }

    /// <summary>After a call: the other VMs, least recently used first, while all of them hold more than <see cref="LuaOptions.MaxVmBytes"/>.</summary>
    private void TrimToBudget(LuaVm used)
    {
        // Every call passes here: the lock only when the budget is exceeded.
        if (LiveBytes() <= _options.MaxVmBytes) return;
        lock (_vmsLock)
        {
            while (LiveBytes() > _options.MaxVmBytes && _vms.Values.Where(vm => !ReferenceEquals(vm, used)).MinBy(vm => vm.LastUsed) is { } oldest)
                Discard(oldest);
        }
    }

    private long LiveBytes() => _vms.Values.Sum(vm => vm.MemoryBytes);

    private LuaVm NewVm(string key, LuaModuleSet modules, byte[]? snapshot, bool pristine = false)
    {
        Interlocked.Increment(ref _liveThreads);
        return new LuaVm(key, modules, _options, snapshot, () => Interlocked.Decrement(ref _liveThreads), pristine);
    }

    /// <summary>Whether the VM is still the one serving its modules (not discarded after a fatal failure).</summary>
    private bool IsLive(LuaVm vm) => _vms.TryGetValue(vm.Key, out var current) && ReferenceEquals(current, vm);

    /// <summary>Forgets a VM that can no longer be trusted; the next call with its modules builds a fresh one.</summary>
    private void Discard(LuaVm vm)
    {
        if (((ICollection<KeyValuePair<string, LuaVm>>)_vms).Remove(new KeyValuePair<string, LuaVm>(vm.Key, vm))) vm.Dispose();
    }

    /// <summary>dev_lua: <c>body/function</c> or <c>function</c> of the request, the base's <c>function</c>, else the key.</summary>
    private static string FunctionName(Message @base, Message request, string key) =>
        (request.GetMessage("body")?.GetText("function") ?? request.GetText("function") ?? @base.GetText("function")) is { Length: > 0 } name
            ? name
            : key;

    /// <summary>dev_lua: <c>parameters</c> (request body, request, base) as the argument list, else (base, request, opts).</summary>
    private static IReadOnlyList<AoValue> Arguments(Message @base, Message request)
    {
        var parameters = request.GetMessage("body")?.Get("parameters") ?? request.Get("parameters") ?? @base.Get("parameters");
        return parameters switch
        {
            null => [@base.WithoutPriv(), request.WithoutPriv(), EmptyOpts],
            AoList list => list.Items,
            var single => [single],
        };
    }

    /// <summary>The <c>module</c> and <c>sandbox</c> values of the last call and the VM they led to.</summary>
    private sealed record LastModules(AoValue Spec, AoValue? Sandbox, AoValue? Owner, LuaVm Vm);

    private static ResolveResult Disposed() => LuaReplies.Status(503, "the lua@5.3a device was disposed");
}
