using HyperBeam.Wasm.Translation;

namespace HyperBeam.Wasm.Tests.Translation;

/// <summary>
/// A random (seeded, so reproducible) module of nested legacy try/catch/catch_all/delegate/rethrow with branches
/// (br, br_if, br_table) to every kind of label, blocks, ifs and calls that throw across frames, for a differential
/// test: Node runs it as it is, Wasmtime runs it translated, and they must agree. Every function f0…fN takes nothing
/// and returns an i32; each step it takes updates the exported global "trace", so the path shows, not only the value.
/// </summary>
internal sealed class RandomLegacyEhModule
{
    private enum Label : byte { Block, If, TryBody, TryHandler, Function }

    private const byte I32 = 0x7f;

    private readonly Random _random;
    private readonly int _functions;
    private readonly List<Label> _labels = [];
    private WasmWriter _code = new();
    private int _function;

    private RandomLegacyEhModule(int seed, int functions)
    {
        _random = new Random(seed);
        _functions = functions;
    }

    public static byte[] Generate(int seed, int functions = 10, int depth = 5) => new RandomLegacyEhModule(seed, functions).Module(depth);

    private byte[] Module(int depth)
    {
        var module = new WasmWriter().Bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        // types: () -> i32, (i32) -> (), () -> ()
        Section(module, 1, new WasmWriter().U32(3).Bytes([0x60, 0x00, 0x01, I32]).Bytes([0x60, 0x01, I32, 0x00]).Bytes([0x60, 0x00, 0x00]));
        var functions = new WasmWriter().U32((uint)_functions);
        for (var i = 0; i < _functions; i++) functions.U32(0);
        Section(module, 3, functions);
        Section(module, 13, new WasmWriter().U32(2).Byte(0).U32(1).Byte(0).U32(2));
        Section(module, 6, new WasmWriter().U32(1).Byte(I32).Byte(1).Bytes([0x41, 0x00, 0x0b]));
        var exports = new WasmWriter().U32((uint)_functions + 1);
        for (var i = 0; i < _functions; i++) Name(exports, $"f{i}").Byte(0).U32((uint)i);
        Name(exports, "trace").Byte(3).U32(0);
        Section(module, 7, exports);
        var code = new WasmWriter().U32((uint)_functions);
        for (_function = 0; _function < _functions; _function++)
        {
            _code = new WasmWriter();
            _labels.Clear();
            _labels.Add(Label.Function);
            _code.U32(0);
            Expression(depth);
            _code.Byte(0x0b);
            code.U32((uint)_code.Length).Bytes(_code.Written);
        }
        Section(module, 10, code);
        return module.ToArray();
    }

    /// <summary>Code that leaves one i32 (or ends unreachable).</summary>
    private void Expression(int depth)
    {
        switch (depth <= 0 ? _random.Next(3) : _random.Next(17))
        {
            case 0:
                Constant();
                break;
            case 1:
                Log();
                Expression(depth - 1);
                break;
            case 2:
                if (_function + 1 < _functions) _code.Byte(0x10).U32((uint)_random.Next(_function + 1, _functions));
                else Constant();
                break;
            case 3:
                Expression(depth - 1);
                _code.Byte(0x08).U32(0);
                break;
            case 4:
                _code.Byte(0x08).U32(1);
                break;
            case 5 or 6 or 7:
                TryCatch(depth);
                break;
            case 8 or 9:
                TryDelegate(depth);
                break;
            case 10:
                Rethrow(depth);
                break;
            case 11:
                Expression(depth - 1);
                _code.Byte(0x0c).U32(AnyLabel());
                break;
            case 12:
                Expression(depth - 1);
                Condition();
                _code.Byte(0x0d).U32(AnyLabel());
                break;
            case 13:
                Expression(depth - 1);
                Condition();
                _code.Byte(0x0e).U32(2).U32(AnyLabel()).U32(AnyLabel()).U32(AnyLabel());
                break;
            case 14:
                Open(0x02, Label.Block);
                Expression(depth - 1);
                Close();
                break;
            case 15:
                Condition();
                Open(0x04, Label.If);
                Expression(depth - 1);
                _code.Byte(0x05);
                Expression(depth - 1);
                Close();
                break;
            default:
                Expression(depth - 1);
                Expression(depth - 1);
                _code.Byte(_random.Next(2) == 0 ? (byte)0x6a : (byte)0x73);
                break;
        }
    }

    private void TryCatch(int depth)
    {
        Open(0x06, Label.TryBody);
        Expression(depth - 1);
        foreach (var tag in new[] { 0u, 1u }.Where(_ => _random.Next(2) == 0).OrderBy(_ => _random.Next()))
        {
            _labels[^1] = Label.TryHandler;
            _code.Byte(0x07).U32(tag);
            Handler(depth);
            if (tag == 0) _code.Byte(0x6a);
        }
        if (_random.Next(2) == 0)
        {
            _labels[^1] = Label.TryHandler;
            _code.Byte(0x19);
            Handler(depth);
        }
        Close();
    }

    /// <summary>A handler's code: often a rethrow of this or an outer handler's exception, else any expression.</summary>
    private void Handler(int depth)
    {
        if (_random.Next(4) == 0) Rethrow(depth);
        else Expression(depth - 1);
    }

    private void TryDelegate(int depth)
    {
        Open(0x06, Label.TryBody);
        Expression(depth - 1);
        _labels.RemoveAt(_labels.Count - 1);
        _code.Byte(0x18).U32(AnyLabel());
    }

    private void Rethrow(int depth)
    {
        var handlers = Enumerable.Range(0, _labels.Count).Where(d => _labels[^(1 + d)] == Label.TryHandler).ToList();
        if (handlers.Count == 0)
        {
            Expression(depth - 1);
            return;
        }
        _code.Byte(0x09).U32((uint)handlers[_random.Next(handlers.Count)]);
    }

    private uint AnyLabel() => (uint)_random.Next(_labels.Count);

    private void Open(byte opcode, Label label)
    {
        _code.Byte(opcode).Byte(I32);
        _labels.Add(label);
    }

    private void Close()
    {
        _code.Byte(0x0b);
        _labels.RemoveAt(_labels.Count - 1);
    }

    private void Constant() => _code.Byte(0x41).Signed(_random.Next(-50, 1000));

    /// <summary>trace := trace * 31 + k</summary>
    private void Log() =>
        _code.Byte(0x23).U32(0).Byte(0x41).Signed(31).Byte(0x6c).Byte(0x41).Signed(_random.Next(1, 100)).Byte(0x6a).Byte(0x24).U32(0);

    /// <summary>A bit of the trace: which way depends on the path so far.</summary>
    private void Condition() => _code.Byte(0x23).U32(0).Byte(0x41).Signed(1 << _random.Next(5)).Byte(0x71);

    private static WasmWriter Name(WasmWriter writer, string name) => writer.U32((uint)name.Length).Bytes(System.Text.Encoding.ASCII.GetBytes(name));

    private static void Section(WasmWriter module, byte id, WasmWriter payload) => module.Byte(id).U32((uint)payload.Length).Bytes(payload.Written);
}
