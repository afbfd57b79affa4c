using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Engine;
using HyperBeam.Lua.Modules;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// A Lua VM with its modules loaded, owned by a <see cref="LuaDevice"/>: its interpreter lives on its own
/// <see cref="LuaVmThread"/>, and every operation is a work item there, so calls on one VM never overlap.
/// The modules are loaded once, by the first work item. A call that runs away leaves the VM at its state before that
/// call (<see cref="LuaRecoveryLog"/>); only a VM that cannot be rebuilt is <see cref="IsBroken"/>.
/// </summary>
internal sealed class LuaVm : IDisposable
{
    private readonly LuaVmThread _thread;
    private readonly Task<LuaCallOutcome.Failed?> _ready;
    private readonly LuaModuleSet _modules;
    private readonly LuaOptions _options;
    private readonly LuaRecoveryLog _recovery;
    private LuaWasmInterpreter? _interpreter;
    private long _lastUsed = Environment.TickCount64;
    private long _memoryBytes;
    private int _depth;
    private volatile bool _broken;
    private byte[]? _pristine;
    // Captured snapshots neither packed nor dropped, and the pooled bytes they hold: settled on whichever thread
    // packs or drops them.
    private int _capturesOut;
    private long _capturedBytesOut;

    /// <param name="key">The owner and modules this VM serves (see <see cref="LuaDevice"/>).</param>
    /// <param name="pristine">
    /// Every top-level call starts from the state right after loading (or <paramref name="snapshot"/>): a VM shared by
    /// callers that are not one process must not let one see the globals another left.
    /// </param>
    public LuaVm(string key, LuaModuleSet modules, LuaOptions options, byte[]? snapshot = null, Action? threadEnded = null, bool pristine = false)
    {
        Key = key;
        _modules = modules;
        _options = options;
        _recovery = new LuaRecoveryLog(options.RecoveryCheckpointEvery);
        _thread = new LuaVmThread($"lua-vm-{modules.Key[..8]}", options.ThreadStackBytes, () =>
        {
            _interpreter?.Dispose();
            threadEnded?.Invoke();
        });
        _ready = _thread.InvokeAsync(() =>
        {
            try
            {
                var (interpreter, failure) = LuaWasmInterpreter.Create(modules, options, _thread, snapshot);
                _interpreter = interpreter;
                _broken = interpreter is null;
                if (interpreter is not null) Volatile.Write(ref _memoryBytes, interpreter.MemoryBytes);
                if (interpreter is not null && pristine) _pristine = snapshot ?? interpreter.Snapshot();
                if (interpreter is not null && _recovery.Enabled) _recovery.Start(snapshot ?? interpreter.Snapshot(), owned: snapshot is null);
                return failure;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The boundary with the engine: whatever the host throws on odd input is this VM's load failure.
                _broken = true;
                return new LuaCallOutcome.Failed(LuaFailureKind.LoadError, AoBinary.FromString(e.Message), null);
            }
        });
    }

    public string Key { get; }

    public LuaModuleSet Modules => _modules;

    /// <summary>The VM did not load, or could not be rebuilt after a runaway: its device must drop it.</summary>
    public bool IsBroken => _broken;

    /// <summary>When the VM was last handed to a call (<see cref="Environment.TickCount64"/>), for least-recently-used eviction.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch() => Volatile.Write(ref _lastUsed, Environment.TickCount64);

    /// <summary>The engine's linear memory after the VM's last top-level call (0 before it loaded), for the device's byte budget.</summary>
    public long MemoryBytes => Volatile.Read(ref _memoryBytes);

    public async Task<LuaCallOutcome> CallAsync(string function, IReadOnlyList<AoValue> arguments, ResolveContext context)
    {
        try
        {
            if (await _ready.ConfigureAwait(false) is { } loadFailure) return loadFailure;
            return await _thread.InvokeAsync(() => CallOnThread(function, arguments, context)).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return Disposed;
        }
    }

    public async Task<(IReadOnlyList<string>? Names, LuaCallOutcome.Failed? Failure)> FunctionNamesAsync()
    {
        try
        {
            if (await _ready.ConfigureAwait(false) is { } loadFailure) return (null, loadFailure);
            return (await _thread.InvokeAsync(() => _interpreter?.FunctionNames()).ConfigureAwait(false), _broken ? Disposed : null);
        }
        catch (ObjectDisposedException)
        {
            return (null, Disposed);
        }
    }

    /// <summary>The VM's whole state (its engine's linear memory), taken between calls.</summary>
    public Task<(byte[]? Memory, LuaCallOutcome.Failed? Failure)> SnapshotAsync() => TakeAsync(interpreter => interpreter.Snapshot());

    /// <summary>The VM's whole state as a <c>snapshot</c> message, packed straight from the engine's memory.</summary>
    public Task<(Message? Snapshot, LuaCallOutcome.Failed? Failure)> EncodedSnapshotAsync() => TakeAsync(LuaSnapshot.Encode);

    /// <summary>
    /// The VM's state as a <c>snapshot</c> message, fixed now and packed later, if at all: when the returned task
    /// completes the engine's non-zero pages are copied (calls after it cannot reach the copy, which holds nothing of
    /// the engine), and <see cref="CapturedSnapshot.PackAsync"/> packs them on <see cref="LuaOptions.SnapshotPackScheduler"/>
    /// or <see cref="CapturedSnapshot.Dispose"/> gives the copy back unpacked. The copies out per VM (neither packed
    /// nor dropped) hold at most <see cref="LuaOptions.MaxCapturedBytesOut"/>: past that the snapshot is packed here,
    /// in place, as <see cref="EncodedSnapshotAsync"/> does, so memory stays bounded whoever holds them.
    /// </summary>
    public Task<(CapturedSnapshot? Captured, LuaCallOutcome.Failed? Failure)> CaptureSnapshotAsync() => TakeAsync(interpreter =>
    {
        var captured = interpreter.CapturedMemory();
        var bytes = captured.HeldBytes;
        if (Volatile.Read(ref _capturesOut) > 0 && Volatile.Read(ref _capturedBytesOut) + bytes > _options.MaxCapturedBytesOut)
            return CapturedSnapshot.Ready(LuaSnapshot.Encode(captured));
        Interlocked.Increment(ref _capturesOut);
        Interlocked.Add(ref _capturedBytesOut, bytes);
        return new CapturedSnapshot(
            () =>
            {
                try
                {
                    return LuaSnapshot.Encode(captured);
                }
                finally
                {
                    Settled(bytes);
                }
            },
            () =>
            {
                captured.Release();
                Settled(bytes);
            },
            _options.SnapshotPackScheduler);
    });

    private void Settled(long bytes)
    {
        Interlocked.Add(ref _capturedBytesOut, -bytes);
        Interlocked.Decrement(ref _capturesOut);
    }

    private async Task<(T? Value, LuaCallOutcome.Failed? Failure)> TakeAsync<T>(Func<LuaWasmInterpreter, T> take)
        where T : class
    {
        try
        {
            if (await _ready.ConfigureAwait(false) is { } loadFailure) return (null, loadFailure);
            var value = await _thread.InvokeAsync(() => _interpreter is { } interpreter ? take(interpreter) : null).ConfigureAwait(false);
            return value is null ? (null, Disposed) : (value, null);
        }
        catch (ObjectDisposedException)
        {
            return (null, Disposed);
        }
    }

    /// <summary>Waits for the modules to load; null when they did.</summary>
    public async Task<LuaCallOutcome.Failed?> ReadyAsync()
    {
        try
        {
            return await _ready.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return Disposed;
        }
    }

    /// <summary>
    /// Runs a call on the VM thread. A top-level call that runs away is undone: the engine is rebuilt at the state
    /// before it. Calls nested in one (through <c>ao.resolve</c>) are part of it and are not recorded on their own.
    /// </summary>
    private LuaCallOutcome CallOnThread(string function, IReadOnlyList<AoValue> arguments, ResolveContext context)
    {
        if (_interpreter is not { } interpreter) return Disposed;
        if (_depth == 0 && _pristine is not null && interpreter.Restore(_pristine) is { } unrestorable) return unrestorable;
        LuaCallOutcome outcome;
        _depth++;
        try
        {
            outcome = interpreter.Call(function, arguments, context);
        }
        finally
        {
            _depth--;
        }
        if (_depth > 0) return outcome;
        Volatile.Write(ref _memoryBytes, interpreter.MemoryBytes);
        if (outcome is LuaCallOutcome.Failed { Kind: LuaFailureKind.InstructionBudget or LuaFailureKind.WallTime or LuaFailureKind.EngineTrap or LuaFailureKind.MemoryLimit })
        {
            interpreter.Dispose();
            _interpreter = _recovery.Enabled ? _recovery.Rebuild(_modules, _options, _thread, context) : null;
            _broken = _interpreter is null;
            return outcome;
        }
        if (_recovery.Enabled && _pristine is null) _recovery.Record(interpreter, function);
        return outcome;
    }

    /// <summary>Lets queued calls finish, then closes the state on its own thread; does not block.</summary>
    public void Dispose() => _thread.Dispose();

    private static LuaCallOutcome.Failed Disposed =>
        new(LuaFailureKind.Disposed, AoBinary.FromString("the Lua VM was disposed"), null);
}
