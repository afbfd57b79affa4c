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
    private readonly Dictionary<int, TryShape> _tries = [];
    private readonly List<Frame> _frames = [];
    private readonly WasmWriter _out;
    private bool _callerIsDelegateTarget;
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
    }

    /// <summary>The translated body (locals and code) of a body that uses legacy exception handling.</summary>
    public static byte[] Translate(byte[] bytes, WasmFunctionBody body, WasmModuleLayout layout, AppendedTypes types, uint parameters)
    {
        var function = new LegacyTryFunction(bytes, body, layout, types, parameters);
        function.Analyse();
        function.Emit();
        var result = new WasmWriter(function._out.Length + 16);
        result.U32((uint)(body.LocalEntries + (function._exnLocals > 0 ? 1 : 0)));
        result.Bytes(bytes.AsSpan(body.LocalsStart, body.CodeStart - body.LocalsStart));
        if (function._exnLocals > 0) result.U32((uint)function._exnLocals).Byte(ExnRef);
        result.Bytes(function._out.Written);
        return result.ToArray();
    }

    /// <summary>First pass: the catch clauses of every try, and where each delegate rethrows.</summary>
    private void Analyse()
    {
        _frames.Clear();
        _frames.Add(new Frame(FrameKind.Function, -1));
        var instructions = _body.Instructions;
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            switch (instruction.Kind)
            {
                case WasmInstructionKind.TryTable:
                    // Its catch labels count from outside it.
                    for (var c = 0; c < instruction.ListCount; c++) LabelFrameIndex(instruction, _body.CatchClauses[instruction.ListStart + c].Label);
                    _frames.Add(new Frame(FrameKind.Other, i));
                    break;
                case WasmInstructionKind.Block or WasmInstructionKind.Loop or WasmInstructionKind.If:
                    _frames.Add(new Frame(FrameKind.Other, i));
                    break;
                case WasmInstructionKind.Try:
                    _frames.Add(new Frame(FrameKind.Try, i));
                    _tries[i] = new TryShape();
                    break;
                case WasmInstructionKind.Catch or WasmInstructionKind.CatchAll:
                {
                    var frame = _frames[^1];
                    if (frame.Kind != FrameKind.Try) throw Malformed(instruction, "catch outside a try");
                    _tries[frame.Instruction].Catches.Add(i);
                    frame.InHandler = true;
                    break;
                }
                case WasmInstructionKind.Delegate:
                {
                    var frame = _frames[^1];
                    if (frame.Kind != FrameKind.Try || frame.InHandler) throw Malformed(instruction, "delegate that ends no try body");
                    _frames.RemoveAt(_frames.Count - 1);
                    var shape = _tries[frame.Instruction];
                    shape.DelegateTarget = DelegateTarget(LabelFrameIndex(instruction, instruction.Index));
                    break;
                }
                case WasmInstructionKind.Rethrow:
                {
                    var frame = _frames[LabelFrameIndex(instruction, instruction.Index)];
                    if (frame.Kind != FrameKind.Try || !frame.InHandler) throw Malformed(instruction, "rethrow whose label is not a catch");
                    break;
                }
                case WasmInstructionKind.Branch:
                    LabelFrameIndex(instruction, instruction.Index);
                    break;
                case WasmInstructionKind.BranchTable:
                    for (var t = 0; t < instruction.ListCount; t++) LabelFrameIndex(instruction, _body.BranchTargets[instruction.ListStart + t]);
                    break;
                case WasmInstructionKind.End:
                    _frames.RemoveAt(_frames.Count - 1);
                    break;
            }
        }
    }

    /// <summary>
    /// Where <c>delegate</c> to the label of frame <paramref name="index"/> rethrows: into the body of the innermost try
    /// at or outside that label that is still in its body (whose handlers then see the exception), else to the caller.
    /// </summary>
    private int DelegateTarget(int index)
    {
        for (var k = index; k > 0; k--)
        {
            var frame = _frames[k];
            if (frame.Kind == FrameKind.Try && !frame.InHandler)
            {
                _tries[frame.Instruction].IsDelegateTarget = true;
                return frame.Instruction;
            }
        }
        _callerIsDelegateTarget = true;
        return TryShape.Caller;
    }

    private void Emit()
    {
        _frames.Clear();
        _frames.Add(new Frame(FrameKind.Function, -1) { Position = 0 });
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
                    _frames.Add(new Frame(FrameKind.Other, i) { Position = _openLabels++ });
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
        var frame = new Frame(FrameKind.Try, index);
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
        else if (shape.DelegateTarget != TryShape.None)
        {
            var target = shape.DelegateTarget == TryShape.Caller ? _callerDelegatePosition : _tries[shape.DelegateTarget].DelegatePosition;
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
    private void CloseTryBody(Frame frame)
    {
        if (!_tries[frame.Instruction].IsDelegateTarget) return;
        _out.Byte(0x0c).U32((uint)(_openLabels - 1 - frame.Position));
        CloseLabel();
        _out.Byte(0x0a);
    }

    /// <summary>A catch or catch_all: end the body (or the previous handler), land in this clause's block, keep its exnref.</summary>
    private void EnterHandler(Frame frame)
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
            case FrameKind.Function:
                if (_callerIsDelegateTarget)
                {
                    _out.Byte(0x0f);
                    CloseLabel();
                    _out.Byte(0x0a);
                }
                _out.Byte(0x0b);
                break;
            case FrameKind.Try when frame.InHandler:
                CloseLabel();
                _handlerDepth--;
                break;
            case FrameKind.Try:
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
        _frames.Add(new Frame(FrameKind.Other, index) { Position = _openLabels++ });
    }

    private void CloseLabel()
    {
        _out.Byte(0x0b);
        _openLabels--;
    }

    private void Copy(WasmInstruction instruction) => _out.Bytes(_bytes.AsSpan(instruction.Start, instruction.End - instruction.Start));

    /// <summary>An original branch depth as a depth among the output's labels.</summary>
    private uint Depth(uint label) => (uint)(_openLabels - 1 - _frames[^(1 + (int)label)].Position);

    private int LabelFrameIndex(WasmInstruction instruction, uint label) =>
        label < _frames.Count ? _frames.Count - 1 - (int)label : throw Malformed(instruction, $"label {label} out of range");

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
        if (clause.Index >= _layout.TagTypes.Count) throw Malformed(clause, $"tag {clause.Index} out of range");
        return _layout.TypeAt(_layout.TagTypes[(int)clause.Index], reader).Params;
    }

    private static InvalidDataException Malformed(WasmInstruction instruction, string what) =>
        new($"malformed WebAssembly at offset {instruction.Start}: {what}");

    private enum FrameKind : byte { Function, Try, Other }

    private sealed class Frame(FrameKind kind, int instruction)
    {
        public FrameKind Kind { get; } = kind;

        public int Instruction { get; } = instruction;

        /// <summary>The output label a branch to this frame's label goes to.</summary>
        public int Position { get; set; }

        public bool InHandler { get; set; }

        public uint ExnLocal { get; set; }
    }

    private sealed class TryShape
    {
        public const int None = -2, Caller = -1;

        public List<int> Catches { get; } = [];

        /// <summary>For try … delegate: the try instruction it delegates to, or <see cref="Caller"/>.</summary>
        public int DelegateTarget { get; set; } = None;

        public bool IsDelegateTarget { get; set; }

        public int DelegatePosition { get; set; }
    }
}
