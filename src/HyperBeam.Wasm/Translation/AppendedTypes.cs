namespace HyperBeam.Wasm.Translation;

/// <summary>
/// The block types the translation needs that a module may not have (a catch block takes the try's params and gives
/// the tag's params and an exnref): appended to the type section, each once, so no existing index moves.
/// </summary>
internal sealed class AppendedTypes(int existing)
{
    private readonly Dictionary<string, uint> _indices = new(StringComparer.Ordinal);

    public List<byte[]> Encodings { get; } = [];

    /// <summary>The block type encoding of params → results: empty, one value type, or a type index (s33).</summary>
    public byte[] BlockType(IReadOnlyList<byte[]> parameters, IReadOnlyList<byte[]> results)
    {
        if (parameters.Count == 0 && results.Count == 0) return [0x40];
        if (parameters.Count == 0 && results.Count == 1) return results[0];
        var encoding = new WasmFunctionType(parameters, results).Encode();
        var key = Convert.ToBase64String(encoding);
        if (!_indices.TryGetValue(key, out var index))
        {
            index = (uint)(existing + Encodings.Count);
            Encodings.Add(encoding);
            _indices[key] = index;
        }
        return new WasmWriter(8).Signed(index).ToArray();
    }
}
