namespace HyperBeam.Wasm.Translation;

/// <summary>
/// The first pass of <see cref="LegacyTryFunction"/>: the catch clauses of every try, where each delegate rethrows
/// (the innermost try still in its body at or outside the delegate's label, else the caller), and every label checked
/// against the label stack, so the second pass writes only what is well formed.
/// </summary>
internal sealed class LegacyTryAnalysis
{
    private readonly WasmFunctionBody _body;
    private readonly Dictionary<int, LegacyTryShape> _tries = [];
    private readonly List<LegacyTryFrame> _frames = [];
    private bool _callerIsDelegateTarget;

    private LegacyTryAnalysis(WasmFunctionBody body) => _body = body;

    /// <summary>The shape of every try (by instruction index) and whether a delegate rethrows to the caller.</summary>
    public static (Dictionary<int, LegacyTryShape> Tries, bool CallerIsDelegateTarget) Of(WasmFunctionBody body)
    {
        var analysis = new LegacyTryAnalysis(body);
        analysis.Run();
        return (analysis._tries, analysis._callerIsDelegateTarget);
    }

    private void Run()
    {
        _frames.Add(new LegacyTryFrame(LegacyFrameKind.Function, -1));
        var instructions = _body.Instructions;
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            switch (instruction.Kind)
            {
                case WasmInstructionKind.TryTable:
                    // Its catch labels count from outside it.
                    for (var c = 0; c < instruction.ListCount; c++) LabelFrameIndex(instruction, _body.CatchClauses[instruction.ListStart + c].Label);
                    _frames.Add(new LegacyTryFrame(LegacyFrameKind.Other, i));
                    break;
                case WasmInstructionKind.Block or WasmInstructionKind.Loop or WasmInstructionKind.If:
                    _frames.Add(new LegacyTryFrame(LegacyFrameKind.Other, i));
                    break;
                case WasmInstructionKind.Try:
                    _frames.Add(new LegacyTryFrame(LegacyFrameKind.Try, i));
                    _tries[i] = new LegacyTryShape();
                    break;
                case WasmInstructionKind.Catch or WasmInstructionKind.CatchAll:
                {
                    var frame = _frames[^1];
                    if (frame.Kind != LegacyFrameKind.Try) throw Malformed(instruction, "catch outside a try");
                    _tries[frame.Instruction].Catches.Add(i);
                    frame.InHandler = true;
                    break;
                }
                case WasmInstructionKind.Delegate:
                {
                    var frame = _frames[^1];
                    if (frame.Kind != LegacyFrameKind.Try || frame.InHandler) throw Malformed(instruction, "delegate that ends no try body");
                    _frames.RemoveAt(_frames.Count - 1);
                    var shape = _tries[frame.Instruction];
                    shape.DelegateTarget = DelegateTarget(LabelFrameIndex(instruction, instruction.Index));
                    break;
                }
                case WasmInstructionKind.Rethrow:
                {
                    var frame = _frames[LabelFrameIndex(instruction, instruction.Index)];
                    if (frame.Kind != LegacyFrameKind.Try || !frame.InHandler) throw Malformed(instruction, "rethrow whose label is not a catch");
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
            if (frame.Kind == LegacyFrameKind.Try && !frame.InHandler)
            {
                _tries[frame.Instruction].IsDelegateTarget = true;
                return frame.Instruction;
            }
        }
        _callerIsDelegateTarget = true;
        return LegacyTryShape.Caller;
    }

    private int LabelFrameIndex(WasmInstruction instruction, uint label) =>
        label < _frames.Count ? _frames.Count - 1 - (int)label : throw Malformed(instruction, $"label {label} out of range");

    public static InvalidDataException Malformed(WasmInstruction instruction, string what) =>
        new($"malformed WebAssembly at offset {instruction.Start}: {what}");
}
