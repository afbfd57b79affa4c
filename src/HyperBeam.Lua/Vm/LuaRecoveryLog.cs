using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Engine;
using HyperBeam.Lua.Modules;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// What a VM needs to get back to its state before a call that ran away (budget, wall time, memory, a trap): a
/// checkpoint of the engine's memory and the top-level calls made since, replayed on a fresh engine from that
/// checkpoint. The engine is deterministic (clock from the request, random state in its memory), so the replay
/// arrives at the same state; a new checkpoint every <c>checkpointEvery</c> calls keeps the replay short.
/// Used only on the VM's thread.
/// </summary>
internal sealed class LuaRecoveryLog(int checkpointEvery)
{
    private readonly List<(string Function, IReadOnlyList<AoValue> Arguments)> _since = [];
    private byte[]? _checkpoint;
    // The checkpoint is this log's own copy (not a snapshot the VM was given): the next one is written over it.
    private bool _ownsCheckpoint;
    private long _bytes;

    public bool Enabled => checkpointEvery > 0;

    /// <summary>
    /// Starts over from <paramref name="checkpoint"/>: the state every later call builds on. <paramref name="owned"/>:
    /// nobody else holds the array, so later checkpoints may be written into it.
    /// </summary>
    public void Start(byte[] checkpoint, bool owned = false)
    {
        _checkpoint = checkpoint;
        _ownsCheckpoint = owned;
        _since.Clear();
        _bytes = 0;
    }

    /// <summary>
    /// Notes a call that completed (whatever it returned). Every so many calls — or sooner, once the arguments kept
    /// outweigh a copy of the memory — checkpoints the state after it instead.
    /// </summary>
    public void Record(LuaWasmInterpreter interpreter, string function, IReadOnlyList<AoValue> arguments)
    {
        _bytes += interpreter.LastRequestBytes;
        // A memory of a few megabytes copied every thousand calls: into the same array, not a new large one each time.
        if (_since.Count + 1 >= checkpointEvery || _bytes > Math.Max(_checkpoint?.Length ?? 0, 4 << 20))
            Start(interpreter.Snapshot(_ownsCheckpoint ? _checkpoint : null), owned: true);
        else _since.Add((function, arguments));
    }

    /// <summary>A fresh engine at the state before the failed call, or null when it cannot be rebuilt.</summary>
    public LuaWasmInterpreter? Rebuild(LuaModuleSet modules, LuaOptions options, LuaVmThread thread, ResolveContext context)
    {
        if (_checkpoint is null) return null;
        var (fresh, _) = LuaWasmInterpreter.Create(modules, options, thread, _checkpoint);
        if (fresh is null) return null;
        foreach (var (function, arguments) in _since)
        {
            if (fresh.Call(function, arguments, context) is not LuaCallOutcome.Failed { IsFatal: true }) continue;
            fresh.Dispose();
            return null;
        }
        return fresh;
    }
}
