namespace HyperBeam.Wasm.Translation;

/// <summary>
/// A function body decoded into instructions: every immediate of the MVP, sign extension, saturating conversions and
/// bulk memory (0xFC), reference types, typed function references, SIMD and relaxed SIMD (0xFD), threads (0xFE),
/// memory64 memargs, multi-value block types, tail calls and both exception-handling forms. GC instructions (0xFB)
/// are not decoded (<see cref="NotSupportedException"/>).
/// </summary>
internal sealed class WasmFunctionBody
{
    public List<WasmInstruction> Instructions { get; } = [];

    /// <summary>br_table targets (default last), indexed by <see cref="WasmInstruction.ListStart"/>.</summary>
    public List<uint> BranchTargets { get; } = [];

    public List<WasmCatchClause> CatchClauses { get; } = [];

    /// <summary>Where the locals declarations end and the instructions begin.</summary>
    public int CodeStart { get; private set; }

    public int LocalEntries { get; private set; }

    /// <summary>Where the local entries begin (after their count).</summary>
    public int LocalsStart { get; private set; }

    /// <summary>How many locals the entries declare (parameters not included).</summary>
    public ulong LocalCount { get; private set; }

    public bool HasLegacyExceptionHandling { get; private set; }

    public static WasmFunctionBody Decode(byte[] bytes, int start, int end)
    {
        var body = new WasmFunctionBody();
        var reader = new WasmReader(bytes, start, end);
        body.LocalEntries = reader.Count();
        body.LocalsStart = reader.Position;
        for (var i = 0; i < body.LocalEntries; i++)
        {
            body.LocalCount += reader.U32();
            WasmFunctionType.ReadValueType(reader);
        }
        body.CodeStart = reader.Position;
        var depth = 1;
        while (depth > 0)
        {
            var instruction = body.DecodeOne(reader);
            body.Instructions.Add(instruction);
            switch (instruction.Kind)
            {
                case WasmInstructionKind.Block or WasmInstructionKind.Loop or WasmInstructionKind.If or WasmInstructionKind.Try or WasmInstructionKind.TryTable:
                    depth++;
                    break;
                case WasmInstructionKind.End or WasmInstructionKind.Delegate:
                    depth--;
                    break;
            }
            body.HasLegacyExceptionHandling |= instruction.IsLegacyExceptionHandling;
        }
        if (!reader.AtEnd) throw reader.Malformed("bytes after the end of a function body");
        return body;
    }

    private WasmInstruction DecodeOne(WasmReader reader)
    {
        var start = reader.Position;
        var opcode = reader.Byte();
        WasmInstruction Simple(WasmInstructionKind kind, uint index = 0) => new(kind, start, reader.Position, opcode, index);
        switch (opcode)
        {
            case 0x02 or 0x03 or 0x04 or 0x06:
            {
                var typeStart = reader.Position;
                SkipBlockType(reader);
                var kind = opcode switch { 0x02 => WasmInstructionKind.Block, 0x03 => WasmInstructionKind.Loop, 0x04 => WasmInstructionKind.If, _ => WasmInstructionKind.Try };
                return new(kind, start, reader.Position, opcode, 0, typeStart, reader.Position);
            }
            case 0x1f:
            {
                var typeStart = reader.Position;
                SkipBlockType(reader);
                var typeEnd = reader.Position;
                var listStart = CatchClauses.Count;
                var count = reader.Count();
                for (var i = 0; i < count; i++)
                {
                    var kind = reader.Byte();
                    var tag = kind is 0 or 1 ? reader.U32() : 0;
                    if (kind > 3) throw reader.Malformed($"unknown catch kind {kind}");
                    CatchClauses.Add(new WasmCatchClause(kind, tag, reader.U32()));
                }
                return new(WasmInstructionKind.TryTable, start, reader.Position, opcode, 0, typeStart, typeEnd, listStart, count);
            }
            case 0x05: return Simple(WasmInstructionKind.Else);
            case 0x0b: return Simple(WasmInstructionKind.End);
            case 0x07: return Simple(WasmInstructionKind.Catch, reader.U32());
            case 0x19: return Simple(WasmInstructionKind.CatchAll);
            case 0x18: return Simple(WasmInstructionKind.Delegate, reader.U32());
            case 0x09: return Simple(WasmInstructionKind.Rethrow, reader.U32());
            case 0x0c or 0x0d or 0xd5 or 0xd6: return Simple(WasmInstructionKind.Branch, reader.U32());
            case 0x0e:
            {
                var listStart = BranchTargets.Count;
                var count = reader.Count();
                for (var i = 0; i <= count; i++) BranchTargets.Add(reader.U32());
                return new(WasmInstructionKind.BranchTable, start, reader.Position, opcode, 0, 0, 0, listStart, count + 1);
            }
            case 0x00 or 0x01 or 0x0a or 0x0f or 0x1a or 0x1b or 0xd1 or 0xd3 or 0xd4:
                return Simple(WasmInstructionKind.Plain);
            case >= 0x45 and <= 0xc4:
                return Simple(WasmInstructionKind.Plain);
            // throw, call, return_call, call_ref, return_call_ref, local/global get/set/tee, table.get/set, ref.func,
            // memory.size/grow: one index.
            case 0x08 or 0x10 or 0x12 or 0x14 or 0x15 or (>= 0x20 and <= 0x26) or 0x3f or 0x40 or 0xd2:
                reader.U32();
                return Simple(WasmInstructionKind.Plain);
            case 0x11 or 0x13:
                reader.U32();
                reader.U32();
                return Simple(WasmInstructionKind.Plain);
            case 0x1c:
                for (var n = reader.Count(); n > 0; n--) WasmFunctionType.ReadValueType(reader);
                return Simple(WasmInstructionKind.Plain);
            case >= 0x28 and <= 0x3e:
                SkipMemArg(reader);
                return Simple(WasmInstructionKind.Plain);
            case 0x41 or 0x42 or 0xd0:
                reader.Signed();
                return Simple(WasmInstructionKind.Plain);
            case 0x43:
                reader.Skip(4);
                return Simple(WasmInstructionKind.Plain);
            case 0x44:
                reader.Skip(8);
                return Simple(WasmInstructionKind.Plain);
            case 0xfc:
                SkipMiscImmediates(reader);
                return Simple(WasmInstructionKind.Plain);
            case 0xfd:
                SkipSimdImmediates(reader);
                return Simple(WasmInstructionKind.Plain);
            case 0xfe:
                if (reader.U32() == 0x03) reader.Byte();
                else SkipMemArg(reader);
                return Simple(WasmInstructionKind.Plain);
            case 0xfb: throw new NotSupportedException("GC instructions (0xFB) are not translated");
            default: throw reader.Malformed($"unknown opcode 0x{opcode:x2}");
        }
    }

    /// <summary>Empty (0x40), one value type, or a type index as a positive s33.</summary>
    public static void SkipBlockType(WasmReader reader)
    {
        var first = reader.Bytes[reader.Position < reader.End ? reader.Position : throw reader.Malformed("unexpected end")];
        if (first is 0x63 or 0x64) WasmFunctionType.ReadValueType(reader);
        else reader.Signed();
    }

    private static void SkipMemArg(WasmReader reader)
    {
        var align = reader.U32();
        if ((align & 0x40) != 0) reader.U32();
        reader.U64();
    }

    private static void SkipMiscImmediates(WasmReader reader)
    {
        switch (reader.U32())
        {
            case <= 7: break;
            case 8 or 10 or 12 or 14:
                reader.U32();
                reader.U32();
                break;
            case 9 or 11 or 13 or 15 or 16 or 17: reader.U32(); break;
            case var sub: throw reader.Malformed($"unknown 0xFC instruction {sub}");
        }
    }

    private static void SkipSimdImmediates(WasmReader reader)
    {
        switch (reader.U32())
        {
            case <= 11 or 92 or 93: SkipMemArg(reader); break;
            case 12 or 13: reader.Skip(16); break;
            case >= 21 and <= 34: reader.Byte(); break;
            case >= 84 and <= 91:
                SkipMemArg(reader);
                reader.Byte();
                break;
            case <= 0x113: break;
            case var sub: throw reader.Malformed($"unknown 0xFD instruction {sub}");
        }
    }
}
