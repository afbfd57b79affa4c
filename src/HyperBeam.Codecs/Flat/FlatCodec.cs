using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Flat;

/// <summary>
/// <c>flat@1.0</c> (HyperBEAM's <c>dev_codec_flat</c>): a TABM as a flat map from <c>a/b/c</c> paths to binaries,
/// and that map as <c>key: value</c> lines. <see cref="Encode"/> and <see cref="Decode"/> are the whole trip for a
/// rich message, through <see cref="StructuredCodec"/> as <c>hb_message:convert</c> goes.
/// </summary>
/// <remarks>
/// Bytes match HyperBEAM's for everything HyperBEAM itself reads back. Where HyperBEAM would lose or invent data
/// this codec throws <see cref="CodecException"/> instead: on writing, a newline in a key or value, an empty key
/// or one holding <c>/</c>; on reading, a line with no <c>": "</c> or with more than one, a repeated key, a path
/// collision, a private key, or nesting deeper than <see cref="CodecLimits.MaxDepth"/>. A key or value holding
/// <c>": "</c> is written as HyperBEAM writes it (the reference vectors pin those bytes), but neither HyperBEAM nor
/// this codec can read that line back: HyperBEAM drops it silently, we refuse it.
/// </remarks>
public static class FlatCodec
{
    public const string Name = CodecNames.Flat;

    /// <summary>Rich message → flat text (<c>dev_codec_flat:serialize/1</c>).</summary>
    public static byte[] Encode(Message message) => Serialize(To(StructuredConversion.ToTabm(message)));

    /// <summary>Flat text → rich message (<c>dev_codec_flat:deserialize/1</c>).</summary>
    public static Message Decode(ReadOnlySpan<byte> text, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.None;
        return StructuredConversion.FromTabm(TabmUnflattener.Unflatten(FlatLines.Read(text, limits), limits));
    }

    /// <summary>TABM → flat map, keys in byte order. An empty nested message leaves no key, as in HyperBEAM.</summary>
    public static IReadOnlyDictionary<string, AoBinary> To(Message tabm) => TabmFlattener.Flatten(tabm);

    /// <summary>Flat map → TABM. Empty path segments are ignored (<c>a//b</c> is <c>a/b</c>), as in HyperBEAM.</summary>
    public static Message From(IReadOnlyDictionary<string, AoBinary> flat) => TabmUnflattener.Unflatten(flat);

    /// <summary>Flat map → <c>key: value\n</c> lines in key order.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, AoBinary> flat) => FlatLines.Write(flat);

    /// <summary><c>key: value</c> lines → flat map. Blank lines are skipped; the last line needs no newline.</summary>
    public static IReadOnlyDictionary<string, AoBinary> Deserialize(ReadOnlySpan<byte> text) => FlatLines.Read(text);
}
