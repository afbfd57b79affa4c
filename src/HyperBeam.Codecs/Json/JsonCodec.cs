using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Json;

/// <summary>
/// <c>json@1.0</c> (HyperBEAM's <c>dev_codec_json</c>): a message as a JSON object. What is encoded is the TABM,
/// not the rich message: <c>hb_message:convert</c> hands the codec the output of structured@1.0, so an integer
/// travels as <c>"n":"1"</c> beside <c>"ao-types":"n=\"integer\""</c>, and nested messages are nested objects.
/// Private keys are never written. Decoding also accepts hand-written JSON with numbers, booleans, <c>null</c> and
/// arrays, which become integers or floats, atoms and lists, as in HyperBEAM.
/// </summary>
/// <remarks>
/// Output is byte-identical to HyperBEAM's (Erlang's <c>json:encode/1</c>) for any message it can encode whose
/// objects have at most 32 keys (beyond that Erlang writes keys in hash order, we in key order). Binaries that are
/// not UTF-8, which HyperBEAM cannot encode at all, travel as base64 marked in <c>ao-types</c>: see
/// <see cref="Base64Binaries"/>. Reading is bounded by <see cref="CodecLimits.MaxDepth"/> and
/// <see cref="JsonCodecOptions.MaxDocumentBytes"/>; anything malformed is a <see cref="CodecException"/>.
/// </remarks>
public static class JsonCodec
{
    public const string Name = CodecNames.Json;
    public const string ContentType = "application/json";

    /// <summary>Rich message → JSON.</summary>
    public static byte[] Encode(Message message) => To(StructuredConversion.ToTabm(message));

    /// <summary>JSON → rich message.</summary>
    public static Message Decode(ReadOnlySpan<byte> json, JsonCodecOptions? options = null, DecodeLimits? limits = null) =>
        StructuredConversion.FromTabm(From(json, options, limits));

    /// <summary>TABM → JSON (<c>dev_codec_json:to/1</c>).</summary>
    public static byte[] To(Message tabm) => JsonTabmWriter.Write(Base64Binaries.Mark(tabm));

    /// <summary>JSON → TABM (<c>dev_codec_json:from/1</c>, with native JSON values given their TABM form).</summary>
    public static Message From(ReadOnlySpan<byte> json, JsonCodecOptions? options = null, DecodeLimits? limits = null) =>
        JsonTabmReader.Read(json, options ?? JsonCodecOptions.Default, limits ?? DecodeLimits.None);
}
