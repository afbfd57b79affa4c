using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Engine;
using HyperBeam.Lua.Modules;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// A Lua VM with its modules loaded, owned by a <see cref="LuaDevice"/>: its interpreter lives on its own
/// <see cref="LuaVmThread"/>, and every operation is a work item there, so calls on one VM never overlap.
/// The modules are loaded once, by the first work item.
/// </summary>
internal sealed class LuaVm : IDisposable
{
    private readonly LuaVmThread _thread;
    private readonly Task<LuaCallOutcome.Failed?> _ready;
    private LuaWasmInterpreter? _interpreter;
    private long _lastUsed = Environment.TickCount64;

    public LuaVm(LuaModuleSet modules, LuaOptions options, byte[]? snapshot = null, Action? threadEnded = null)
    {
        Key = modules.Key;
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
                return failure;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The boundary with the engine: whatever the host throws on odd input is this VM's load failure.
                return new LuaCallOutcome.Failed(LuaFailureKind.LoadError, AoBinary.FromString(e.Message), null);
            }
        });
    }

    public string Key { get; }

    /// <summary>When the VM was last handed to a call (<see cref="Environment.TickCount64"/>), for least-recently-used eviction.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch() => Volatile.Write(ref _lastUsed, Environment.TickCount64);

    public async Task<LuaCallOutcome> CallAsync(string function, IReadOnlyList<AoValue> arguments, ResolveContext context)
    {
        try
        {
            if (await _ready.ConfigureAwait(false) is { } loadFailure) return loadFailure;
            return await _thread.InvokeAsync(() => _interpreter!.Call(function, arguments, context)).ConfigureAwait(false);
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
            return (await _thread.InvokeAsync(() => _interpreter!.FunctionNames()).ConfigureAwait(false), null);
        }
        catch (ObjectDisposedException)
        {
            return (null, Disposed);
        }
    }

    /// <summary>The VM's whole state (its engine's linear memory), taken between calls.</summary>
    public async Task<(byte[]? Memory, LuaCallOutcome.Failed? Failure)> SnapshotAsync()
    {
        try
        {
            if (await _ready.ConfigureAwait(false) is { } loadFailure) return (null, loadFailure);
            return (await _thread.InvokeAsync(() => _interpreter!.Snapshot()).ConfigureAwait(false), null);
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

    /// <summary>Lets queued calls finish, then closes the state on its own thread; does not block.</summary>
    public void Dispose() => _thread.Dispose();

    private static LuaCallOutcome.Failed Disposed =>
        new(LuaFailureKind.Disposed, AoBinary.FromString("the Lua VM was disposed"), null);
}
