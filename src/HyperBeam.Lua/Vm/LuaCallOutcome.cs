using HyperBeam.Core.Messages;

namespace HyperBeam.Lua.Vm;

/// <summary>Why a call into Lua failed.</summary>
public enum LuaFailureKind
{
    /// <summary>The script raised an error (or a sandboxed name was used).</summary>
    ScriptError,
    /// <summary>A module does not compile or its top-level code failed.</summary>
    LoadError,
    InstructionBudget,
    MemoryLimit,
    /// <summary>A value could not cross between Lua and AO-Core (a function, a cyclic table).</summary>
    Conversion,
    /// <summary>The call ran past its wall-time limit.</summary>
    WallTime,
    /// <summary>The engine itself trapped (a wasm stack overflow, say): its state cannot be trusted.</summary>
    EngineTrap,
    /// <summary>The device (or the VM) was disposed.</summary>
    Disposed,
}

/// <summary>What a call into a Lua VM produced, already converted to AO-Core values.</summary>
public abstract record LuaCallOutcome
{
    private LuaCallOutcome() { }

    /// <summary>The function returned these values (possibly none).</summary>
    public sealed record Returned(IReadOnlyList<AoValue> Values) : LuaCallOutcome;

    /// <summary>No global function has the name asked for.</summary>
    public sealed record NoFunction(string Name) : LuaCallOutcome;

    /// <summary>The call failed; <see cref="Error"/> is the Lua error value, <see cref="Trace"/> its traceback.</summary>
    public sealed record Failed(LuaFailureKind Kind, AoValue Error, string? Trace) : LuaCallOutcome
    {
        /// <summary>The VM cannot be trusted for another call (it ran away or exhausted its memory).</summary>
        public bool IsFatal => Kind is LuaFailureKind.InstructionBudget or LuaFailureKind.WallTime or LuaFailureKind.EngineTrap or LuaFailureKind.MemoryLimit or LuaFailureKind.LoadError or LuaFailureKind.Disposed;

        public string Description => Error is AoBinary text ? text.Text : Error.ToString();
    }
}
