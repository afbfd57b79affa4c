namespace HyperBeam.Wasm.Translation;

/// <summary>
/// Rewrites one function body from legacy exception handling to the exnref form, as binaryen's translate-to-exnref
/// pass does:
/// <code>
/// try bt B catch $t C1 catch_all C2 end   →   block bt                              ;; the try's label
///                                                block (params → exnref)           ;; catch_all
///                                                  block (params → t-params exnref)
///                                                    try_table bt (catch_ref $t 0) (catch_all_ref 1)  B  end
///                                                    br 2
///                                                  end  local.set $exn  C1  br 1
///                                                end  local.set $exn  C2
///                                              end
/// </code>
/// <c>rethrow n</c> becomes <c>local.get $exn; throw_ref</c> of that handler's exnref local (one local per nesting
/// depth of handlers). <c>try … delegate n</c> becomes a try_table whose catch_all_ref branches to a block opened at
/// the start of the target try's body (or around the whole function for a delegate to the caller) that ends with
/// throw_ref, so the exception is rethrown exactly where the target's handlers see it. Every branch depth is remapped
/// through the label stack, since the added blocks shift them.
/// </summary>
internal sealed class LegacyTryFunction
{
    private const byte ExnRef = 0x69;
    private static readonly byte[][] JustExnRef = [[ExnRef]];

    private readonly byte[] _bytes;
    private readonly WasmFunctionBody _body;
    private readonly WasmModuleLayout _layout;
    private readonly AppendedTypes _types;
    private readonly uint _firstNewLocal;
    private readonly Dictionary<int, LegacyTryShape> _tries;
    private readonly bool _callerIsDelegateTarget;
    private readonly List<LegacyTryFrame> _frames = [];
    private readonly WasmWriter _out;
    private int _callerDelegatePosition;
    private int _openLabels;
    private int _handlerDepth;
    private int _exnLocals;

    private LegacyTryFunction(byte[] bytes, WasmFunctionBody body, WasmModuleLayout layout, AppendedTypes types, uint parameters)
    {
        _bytes = bytes;
        _body = body;
        _layout = layout;
        _types = types;
        // The exnref locals come after every declared one; an index space that cannot hold them is malformed.
        if (body.LocalCount > uint.MaxValue - parameters - 1024)
            throw new InvalidDataException($"malformed WebAssembly at offset {body.LocalsStart}: {body.LocalCount} locals");
        _firstNewLocal = parameters + (uint)body.LocalCount;
        _out = new WasmWriter(body.Instructions.Count * 4);
        (_tries, _callerIsDelegateTarget) = LegacyTryAnalysis.Of(body);
    }

    /// <summary>The translated body (locals and code) of a body that uses legacy exception handling.</summary>
    public static byte[] Translate(byte[] bytes, WasmFunctionBody body, WasmModuleLayout layout, AppendedTypes types, uint parameters)
    {
        var function = new LegacyTryFunction(bytes, body, layout, types, parameters);
        function.Emit();
        var result = new WasmWriter(function._out.Length + 16);
        result.U32((uint)(body.LocalEntries + (function._exnLocals > 0 ? 1 : 0)));
        result.Bytes(bytes.AsSpan(body.LocalsStart, body.CodeStart - body.LocalsStart));
        if (function._exnLocals > 0) result.U32((uint)function._exnLocals).Byte(ExnRef);
        result.Bytes(function._out.Written);
        return result.ToArray();
    }

    /// <summary>Second pass: the body again, with the try blocks rewritten and every label depth remapped.</summary>
    private void Emit()
    {
        _frames.Add(new LegacyTryFrame(LegacyFrameKind.Function, -1) { Position = 0 });
        _openLabels = 1;
        if (_callerIsDelegateTarget)
        {
            _out.Byte(0x02).Byte(ExnRef);
            _callerDelegatePosition = _openLabels++;
        }
        var instructions = _body.Instructions;
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            switch (instruction.Kind)
            {
                case WasmInstructionKind.Plain or WasmInstructionKind.Else:
                    Copy(instruction);
                    break;
                case WasmInstructionKind.Block or WasmInstructionKind.Loop or WasmInstructionKind.If:
                    Copy(instruction);
                    _frames.Add(new LegacyTryFrame(LegacyFrameKind.Other, i) { Position = _openLabels++ });
                    break;
                case WasmInstructionKind.TryTable:
                    EmitTryTable(instruction, i);
                    break;
                case WasmInstructionKind.Try:
                    OpenTry(instruction, i);
                    break;
                case WasmInstructionKind.Catch or WasmInstructionKind.CatchAll:
                    EnterHandler(_frames[^1]);
                    break;
                case WasmInstructionKind.Delegate:
                    CloseTryBody(_frames[^1]);
                    CloseLabel();
                    _frames.RemoveAt(_frames.Count - 1);
                    break;
                case WasmInstructionKind.End:
                    EmitEnd(instruction);
                    break;
                case WasmInstructionKind.Rethrow:
                    _out.Byte(0x20).U32(_frames[^(1 + (int)instruction.Index)].ExnLocal).Byte(0x0a);
                    break;
                case WasmInstructionKind.Branch:
                    _out.Byte(instruction.Opcode).U32(Depth(instruction.Index));
                    break;
                case WasmInstructionKind.BranchTable:
                    _out.Byte(0x0e).U32((uint)(instruction.ListCount - 1));
                    for (var t = 0; t < instruction.ListCount; t++) _out.U32(Depth(_body.BranchTargets[instruction.ListStart + t]));
                    break;
            }
        }
    }

    private void OpenTry(WasmInstruction instruction, int index)
    {
        var shape = _tries[index];
        var blockType = _bytes.AsSpan(instruction.BlockTypeStart, instruction.BlockTypeEnd - instruction.BlockTypeStart);
        var signature = BlockSignature(instruction);
        var frame = new LegacyTryFrame(LegacyFrameKind.Try, index);
        if (shape.Catches.Count > 0)
        {
            _out.Byte(0x02).Bytes(blockType);
            frame.Position = _openLabels++;
            var handlerBlocks = new int[shape.Catches.Count];
            for (var k = shape.Catches.Count - 1; k >= 0; k--)
            {
                var clause = _body.Instructions[shape.Catches[k]];
                IReadOnlyList<byte[]> results = clause.Kind == WasmInstructionKind.Catch ? [.. TagParams(clause), [ExnRef]] : JustExnRef;
                _out.Byte(0x02).Bytes(_types.BlockType(signature.Params, results));
                handlerBlocks[k] = _openLabels++;
            }
            _out.Byte(0x1f).Bytes(blockType).U32((uint)shape.Catches.Count);
            for (var k = 0; k < shape.Catches.Count; k++)
            {
                var clause = _body.Instructions[shape.Catches[k]];
                if (clause.Kind == WasmInstructionKind.Catch) _out.Byte(0x01).U32(clause.Index);
                else _out.Byte(0x03);
                _out.U32((uint)(_openLabels - 1 - handlerBlocks[k]));
            }
            _openLabels++;
        }
        else if (shape.DelegateTarget != LegacyTryShape.None)
        {
            var target = shape.DelegateTarget == LegacyTryShape.Caller ? _callerDelegatePosition : _tries[shape.DelegateTarget].DelegatePosition;
            _out.Byte(0x1f).Bytes(blockType).U32(1).Byte(0x03).U32((uint)(_openLabels - 1 - target));
            frame.Position = _openLabels++;
        }
        else
        {
            _out.Byte(0x02).Bytes(blockType);
            frame.Position = _openLabels++;
        }
        if (shape.IsDelegateTarget)
        {
            _out.Byte(0x02).Bytes(_types.BlockType(signature.Params, JustExnRef));
            shape.DelegatePosition = _openLabels++;
        }
        _frames.Add(frame);
    }

    /// <summary>The try body is done: leave the delegate block (its fall-through exits the try), rethrow what it caught.</summary>
    private void CloseTryBody(LegacyTryFrame frame)
    {
        if (!_tries[frame.Instruction].IsDelegateTarget) return;
        _out.Byte(0x0c).U32((uint)(_openLabels - 1 - frame.Position));
        CloseLabel();
        _out.Byte(0x0a);
    }

    /// <summary>A catch or catch_all: end the body (or the previous handler), land in this clause's block, keep its exnref.</summary>
    private void EnterHandler(LegacyTryFrame frame)
    {
        if (!frame.InHandler)
        {
            CloseTryBody(frame);
            CloseLabel();
            frame.InHandler = true;
            frame.ExnLocal = _firstNewLocal + (uint)_handlerDepth;
            _handlerDepth++;
            _exnLocals = Math.Max(_exnLocals, _handlerDepth);
        }
        _out.Byte(0x0c).U32((uint)(_openLabels - 1 - frame.Position));
        CloseLabel();
        _out.Byte(0x21).U32(frame.ExnLocal);
    }

    private void EmitEnd(WasmInstruction instruction)
    {
        var frame = _frames[^1];
        switch (frame.Kind)
        {
            case LegacyFrameKind.Function:
                if (_callerIsDelegateTarget)
                {
                    _out.Byte(0x0f);
                    CloseLabel();
                    _out.Byte(0x0a);
                }
                _out.Byte(0x0b);
                break;
            case LegacyFrameKind.Try when frame.InHandler:
                CloseLabel();
                _handlerDepth--;
                break;
            case LegacyFrameKind.Try:
                CloseTryBody(frame);
                CloseLabel();
                break;
            default:
                Copy(instruction);
                _openLabels--;
                break;
        }
        _frames.RemoveAt(_frames.Count - 1);
    }

    private void EmitTryTable(WasmInstruction instruction, int index)
    {
        _out.Byte(0x1f).Bytes(_bytes.AsSpan(instruction.BlockTypeStart, instruction.BlockTypeEnd - instruction.BlockTypeStart)).U32((uint)instruction.ListCount);
        for (var c = 0; c < instruction.ListCount; c++)
        {
            var clause = _body.CatchClauses[instruction.ListStart + c];
            _out.Byte(clause.Kind);
            if (clause.Kind < 2) _out.U32(clause.Tag);
            _out.U32(Depth(clause.Label));
        }
        _frames.Add(new LegacyTryFrame(LegacyFrameKind.Other, index) { Position = _openLabels++ });
    }

    private void CloseLabel()
    {
        _out.Byte(0x0b);
        _openLabels--;
    }

    private void Copy(WasmInstruction instruction) => _out.Bytes(_bytes.AsSpan(instruction.Start, instruction.End - instruction.Start));

    /// <summary>An original branch depth as a depth among the output's labels.</summary>
    private uint Depth(uint label) => (uint)(_openLabels - 1 - _frames[^(1 + (int)label)].Position);

    private WasmFunctionType BlockSignature(WasmInstruction instruction)
    {
        var reader = new WasmReader(_bytes, instruction.BlockTypeStart, instruction.BlockTypeEnd);
        var value = reader.Signed();
        if (value >= 0) return _layout.TypeAt((uint)value, reader);
        if (value == -64) return WasmFunctionType.Empty;
        return new WasmFunctionType([], [_bytes.AsSpan(instruction.BlockTypeStart, instruction.BlockTypeEnd - instruction.BlockTypeStart).ToArray()]);
    }

    private IReadOnlyList<byte[]> TagParams(WasmInstruction clause)
    {
        var reader = new WasmReader(_bytes, clause.Start, clause.End);
        if (clause.Index >= _layout.TagTypes.Count) throw LegacyTryAnalysis.Malformed(clause, $"tag {clause.Index} out of range");
        return _layout.TypeAt(_layout.TagTypes[(int)clause.Index], reader).Params;
    }

}
