namespace HyperBeam.Wasm.Translation;

/// <summary>
/// What the exception-handling translation needs to know of a module: where its sections are, its function types,
/// the type of every function and tag (imported ones first, as in the index spaces).
/// </summary>
internal sealed class WasmModuleLayout
{
    public const byte TypeSection = 1, ImportSection = 2, FunctionSection = 3, CodeSection = 10, TagSection = 13;

    private WasmModuleLayout(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <summary>Every section in order: id, payload start and end.</summary>
    public List<(byte Id, int Start, int End)> Sections { get; } = [];

    public List<WasmFunctionType> Types { get; } = [];

    /// <summary>The type index of every function, imported functions first.</summary>
    public List<uint> FunctionTypes { get; } = [];

    public int ImportedFunctions { get; private set; }

    /// <summary>The type index of every tag, imported tags first.</summary>
    public List<uint> TagTypes { get; } = [];

    /// <summary>The layout of a binary module; null when it is not one (a WAT text, say).</summary>
    public static WasmModuleLayout? Read(byte[] bytes)
    {
        if (bytes.Length < 8 || bytes[0] != 0 || bytes[1] != 0x61 || bytes[2] != 0x73 || bytes[3] != 0x6d || bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0)
            return null;
        var layout = new WasmModuleLayout(bytes);
        var reader = new WasmReader(bytes, 8, bytes.Length);
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = reader.U32();
            var start = reader.Position;
            reader.Skip((int)Math.Min(size, int.MaxValue));
            layout.Sections.Add((id, start, reader.Position));
        }
        foreach (var (id, start, end) in layout.Sections)
        {
            var section = new WasmReader(bytes, start, end);
            switch (id)
            {
                case TypeSection: layout.ReadTypes(section); break;
                case ImportSection: layout.ReadImports(section); break;
                case FunctionSection:
                    for (var n = section.Count(); n > 0; n--) layout.FunctionTypes.Add(section.U32());
                    break;
                case TagSection:
                    for (var n = section.Count(); n > 0; n--)
                    {
                        section.Byte();
                        layout.TagTypes.Add(section.U32());
                    }
                    break;
            }
        }
        return layout;
    }

    public WasmFunctionType TypeAt(uint index, WasmReader at) =>
        index < Types.Count ? Types[(int)index] : throw at.Malformed($"type index {index} out of range");

    private void ReadTypes(WasmReader section)
    {
        for (var n = section.Count(); n > 0; n--)
        {
            var form = section.Byte();
            // GC type definitions (rec groups, subtypes, structs, arrays) are not what emscripten emits; a module with
            // them is left to Wasmtime as it is.
            if (form != 0x60) throw new NotSupportedException($"type form 0x{form:x2} (GC types) is not translated");
            var parameters = new List<byte[]>();
            for (var p = section.Count(); p > 0; p--) parameters.Add(WasmFunctionType.ReadValueType(section));
            var results = new List<byte[]>();
            for (var r = section.Count(); r > 0; r--) results.Add(WasmFunctionType.ReadValueType(section));
            Types.Add(new WasmFunctionType(parameters, results));
        }
    }

    private void ReadImports(WasmReader section)
    {
        for (var n = section.Count(); n > 0; n--)
        {
            section.Skip(section.Count());
            section.Skip(section.Count());
            switch (section.Byte())
            {
                case 0:
                    FunctionTypes.Add(section.U32());
                    ImportedFunctions++;
                    break;
                case 1:
                    WasmFunctionType.ReadValueType(section);
                    ReadLimits(section);
                    break;
                case 2: ReadLimits(section); break;
                case 3:
                    WasmFunctionType.ReadValueType(section);
                    section.Byte();
                    break;
                case 4:
                    section.Byte();
                    TagTypes.Add(section.U32());
                    break;
                default: throw section.Malformed("unknown import kind");
            }
        }
    }

    private static void ReadLimits(WasmReader section)
    {
        var flags = section.Byte();
        section.U64();
        if ((flags & 1) != 0) section.U64();
        if ((flags & 8) != 0) section.U32();
    }
}
