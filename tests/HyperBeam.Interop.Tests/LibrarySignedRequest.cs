using System.Text;
using System.Text.Json;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// What scripts/hms-sign.mjs returns, taken apart with this port's structured-field parser: the headers (with
/// Signature and Signature-Input), the one signature's covered components and parameters, and the signature base
/// the library signed.
/// </summary>
internal sealed record LibrarySignedRequest(
    Dictionary<string, string> Headers, byte[]? Body, string LibraryBase, byte[] Modulus, string Label, SfInnerList Input, byte[] Signature)
{
    public static LibrarySignedRequest From(JsonElement output, byte[]? body)
    {
        var headers = HttpRequestJson.Headers(output);
        var inputs = StructuredFieldParser.ParseDictionary(HttpRequestJson.Header(headers, "signature-input"));
        var signatures = StructuredFieldParser.ParseDictionary(HttpRequestJson.Header(headers, "signature"));
        var (label, input) = Assert.Single(inputs);
        var signature = Assert.IsType<SfByteSequence>(Assert.IsType<SfItem>(signatures[label]).Value);
        return new(headers, body, output.GetProperty("base").GetString()!,
            Base64Url.Decode(output.GetProperty("modulus_b64url").GetString()!), label, Assert.IsType<SfInnerList>(input), signature.Value);
    }

    public IReadOnlyList<string> Components => Input.Items.Select(i => Assert.IsType<SfString>(i.Value).Value).ToList();

    /// <summary>
    /// This port's signature base for the request: <see cref="SignatureBase.Build"/> over the received headers, with
    /// the signature-input's inner list re-serialized as it came (RFC 9421 2.3), not re-sorted.
    /// </summary>
    public byte[] OurBase(Message? headers = null) =>
        SignatureBase.Build(headers ?? HttpRequestJson.ToHttpMessage(Headers, null), Components, StructuredFieldSerializer.SerializeMember(Input));

    public Message ToHttpMessage() => HttpRequestJson.ToHttpMessage(Headers, Body);
}
