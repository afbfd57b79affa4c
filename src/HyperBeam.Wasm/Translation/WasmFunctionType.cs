namespace HyperBeam.Wasm.Translation;

/// <summary>A function type (also a block type) with its value types kept as their encodings (a ref type is several bytes).</summary>
internal sealed record WasmFunctionType(IReadOnlyList<byte[]> Params, IReadOnlyList<byte[]> Results)
{
    public static readonly WasmFunctionType Empty = new([], []);

    public byte[] Encode()
    {
        var writer = new WasmWriter().Byte(0x60).U32((uint)Params.Count);
        foreach (var type in Params) writer.Bytes(type);
        writer.U32((uint)Results.Count);
        foreach (var type in Results) writer.Bytes(type);
        return writer.ToArray();
    }

    /// <summary>Reads a value type: one byte, or 0x63/0x64 and a heap type for a typed reference.</summary>
    public static byte[] ReadValueType(WasmReader reader)
    {
        var start = reader.Position;
        var code = reader.Byte();
        if (code is 0x63 or 0x64) reader.Signed();
        return reader.Span(start, reader.Position).ToArray();
    }
}
