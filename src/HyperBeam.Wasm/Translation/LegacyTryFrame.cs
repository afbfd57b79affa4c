namespace HyperBeam.Wasm.Translation;

internal enum LegacyFrameKind : byte { Function, Try, Other }

/// <summary>One open label of the original body while a function is translated.</summary>
internal sealed class LegacyTryFrame(LegacyFrameKind kind, int instruction)
{
    public LegacyFrameKind Kind { get; } = kind;

    /// <summary>The instruction that opened it (-1 for the function).</summary>
    public int Instruction { get; } = instruction;

    /// <summary>The output label a branch to this frame's label goes to.</summary>
    public int Position { get; set; }

    /// <summary>A try past its body, in a catch or catch_all.</summary>
    public bool InHandler { get; set; }

    /// <summary>The local holding the exception its handler caught (what rethrow throws again).</summary>
    public uint ExnLocal { get; set; }
}
