using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Engine;
using HyperBeam.Lua.Modules;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// What a VM needs to get back to its state before a call that ran away (budget, wall time, memory, a trap): a
/// checkpoint of the engine's memory and the top-level calls made since, replayed on a fresh engine from that
/// checkpoint. The engine is deterministic (clock from the request, random state in its memory), so the replay
/// arrives at the same state; a new checkpoint every <c>checkpointEvery</c> calls keeps the replay short.
/// The calls are kept as the requests the engine was given, one after the other in one buffer reused from checkpoint
/// to checkpoint: a thousand calls' arguments kept as messages were tens of thousands of objects that lived just long
/// enough for every collection to copy them, and cost a busy process more than a tenth of its time in paused collections.
/// Used only on the VM's thread.
/// </summary>
internal sealed class LuaRecoveryLog(int checkpointEvery)
{
    private readonly List<(string Function, int Offset, int Length, ulong Clock)> _since = [];
    private byte[] _requests = [];
    private byte[]? _checkpoint;
    // The checkpoint is this log's own copy (not a snapshot the VM was given): the next one is written over it.
    private bool _ownsCheckpoint;
    private int _bytes;

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
    /// Notes a call that completed (whatever it returned): its request (<see cref="LuaWasmInterpreter.LastRequest"/>;
    /// none when its arguments did not convert, and then nothing reached the engine). Every so many calls — or sooner,
    /// once the requests kept outweigh a copy of the memory — checkpoints the state after it instead.
    /// </summary>
    public void Record(LuaWasmInterpreter interpreter, string function)
    {
        var request = interpreter.LastRequest;
        if (request.IsEmpty) return;
        // A memory of a few megabytes copied every thousand calls: into the same array, not a new large one each time.
        if (_since.Count + 1 >= checkpointEvery || (long)_bytes + request.Length > Math.Max(_checkpoint?.Length ?? 0, 4 << 20))
        {
            Start(interpreter.Snapshot(_ownsCheckpoint ? _checkpoint : null), owned: true);
            return;
        }
        if (_requests.Length - _bytes < request.Length)
            Array.Resize(ref _requests, Math.Max(_bytes + request.Length, Math.Max(64 * 1024, _requests.Length * 2)));
        request.CopyTo(_requests.AsSpan(_bytes));
        _since.Add((function, _bytes, request.Length, interpreter.LastClock));
        _bytes += request.Length;
    }

    /// <summary>A fresh engine at the state before the failed call, or null when it cannot be rebuilt.</summary>
    public LuaWasmInterpreter? Rebuild(LuaModuleSet modules, LuaOptions options, LuaVmThread thread, ResolveContext context)
    {
        if (_checkpoint is null) return null;
        var (fresh, _) = LuaWasmInterpreter.Create(modules, options, thread, _checkpoint);
        if (fresh is null) return null;
        foreach (var (function, offset, length, clock) in _since)
        {
            if (fresh.Replay(function, _requests.AsSpan(offset, length), clock, context) is not LuaCallOutcome.Failed { IsFatal: true }) continue;
            fresh.Dispose();
            return null;
        }
        return fresh;
    }
}
