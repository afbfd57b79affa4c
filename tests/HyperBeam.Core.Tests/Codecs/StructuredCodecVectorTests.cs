using System.Text;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Core.Tests.Codecs;

/// <summary>structured@1.0 against HyperBEAM's own outputs (tests/vectors/structured.json).</summary>
public class StructuredCodecVectorTests
{
    public static IEnumerable<object[]> CodecFrom => VectorFile.Rows("structured.json", "codec_from");
    public static IEnumerable<object[]> CodecTo => VectorFile.Rows("structured.json", "codec_to");
    public static IEnumerable<object[]> EncodeValues => VectorFile.Rows("structured.json", "encode_value");

    [Theory]
    [MemberData(nameof(CodecFrom))]
    public void Message_to_tabm_matches_HyperBEAM(VectorCase v)
    {
        var input = TypedJson.ToMessage(v.Data.GetProperty("input"));
        var expected = TypedJson.ToMessage(v.Data.GetProperty("from_output_tabm"));
        AssertSame(expected, StructuredCodec.ToTabm(input));
    }

    [Theory]
    [MemberData(nameof(CodecFrom))]
    public void Tabm_back_to_message_matches_HyperBEAM(VectorCase v)
    {
        var tabm = TypedJson.ToMessage(v.Data.GetProperty("from_output_tabm"));
        var expected = TypedJson.ToMessage(v.Data.GetProperty("roundtrip_to_output"));
        AssertSame(expected, StructuredCodec.FromTabm(tabm));
    }

    [Theory]
    [MemberData(nameof(CodecTo))]
    public void Tabm_to_message_matches_HyperBEAM(VectorCase v)
    {
        var tabm = TypedJson.ToMessage(v.Data.GetProperty("input_tabm"));
        var expected = TypedJson.ToMessage(v.Data.GetProperty("to_output"));
        AssertSame(expected, StructuredCodec.FromTabm(tabm));
    }

    [Theory]
    [MemberData(nameof(EncodeValues))]
    public void Encode_value_matches_HyperBEAM(VectorCase v)
    {
        var input = TypedJson.ToValue(v.Data.GetProperty("input"));
        var tuple = v.Data.GetProperty("output").GetProperty("@tuple");
        var (type, encoded) = StructuredCodec.EncodeValue(input);
        Assert.Equal(tuple[0].GetString(), type);
        Assert.Equal(TypedJson.ToBytes(tuple[1]), encoded);
    }

    internal static void AssertSame(Message expected, Message actual)
    {
        if (!expected.Equals(actual))
            Assert.Fail($"expected {expected}\n  actual {actual}");
    }
}
