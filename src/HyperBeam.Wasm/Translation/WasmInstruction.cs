namespace HyperBeam.Wasm.Translation;

/// <summary>What the translation does with an instruction: copy it, or follow and rewrite its structure and labels.</summary>
internal enum WasmInstructionKind : byte
{
    Plain,
    Block,
    Loop,
    If,
    Else,
    End,
    Try,
    Catch,
    CatchAll,
    Delegate,
    Rethrow,
    Branch,
    BranchTable,
    TryTable,
}

/// <summary>
/// One decoded instruction: its bytes in the module, where its block type is (structured instructions), its label
/// depth or tag (<see cref="Index"/>), and for br_table and try_table where its targets are in the function's side lists.
/// </summary>
internal readonly record struct WasmInstruction(
    WasmInstructionKind Kind,
    int Start,
    int End,
    byte Opcode = 0,
    uint Index = 0,
    int BlockTypeStart = 0,
    int BlockTypeEnd = 0,
    int ListStart = 0,
    int ListCount = 0)
{
    public bool IsLegacyExceptionHandling =>
        Kind is WasmInstructionKind.Try or WasmInstructionKind.Catch or WasmInstructionKind.CatchAll or WasmInstructionKind.Delegate or WasmInstructionKind.Rethrow;
}

/// <summary>A catch clause of a try_table: catch (0), catch_ref (1), catch_all (2), catch_all_ref (3).</summary>
internal readonly record struct WasmCatchClause(byte Kind, uint Tag, uint Label);
