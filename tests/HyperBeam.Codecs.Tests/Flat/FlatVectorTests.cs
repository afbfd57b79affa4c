using System.Text;
using System.Text.Json;
using HyperBeam.Codecs.Flat;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.Flat;

/// <summary>tests/vectors/flat.json: dev_codec_flat's to/1, from/1, serialize/1, deserialize/1 and convert.</summary>
public class FlatVectorTests
{
    private const string File = "flat.json";

    public static IEnumerable<object[]> Serialize => VectorFile.Rows(File, "serialize");
    public static IEnumerable<object[]> Deserialize => VectorFile.Rows(File, "deserialize");
    public static IEnumerable<object[]> From => VectorFile.Rows(File, "from");
    public static IEnumerable<object[]> Convert => VectorFile.Rows(File, "convert");

    /// <summary>Serialize rows whose serialization HyperBEAM reads back to the message it started from.</summary>
    public static IEnumerable<object[]> LosslessRoundTrips => Serialize.Where(row => !HyperBeamLosesData((VectorCase)row[0]));

    /// <summary>Serialize rows whose serialization HyperBEAM reads back with data silently missing.</summary>
    public static IEnumerable<object[]> LossyRoundTrips => Serialize.Where(row => HyperBeamLosesData((VectorCase)row[0]));

    [Theory]
    [MemberData(nameof(Serialize))]
    public void To_flattens_the_tabm_as_hyperbeam(VectorCase v)
    {
        var tabm = TypedJson.ToMessage(v.Data.GetProperty("input_tabm"));
        AssertFlatMap(FlatMap(v.Data.GetProperty("to_flat")), FlatCodec.To(tabm));
    }

    [Theory]
    [MemberData(nameof(Serialize))]
    public void Encode_writes_hyperbeams_bytes(VectorCase v)
    {
        var message = TypedJson.ToMessage(v.Data.GetProperty("input_tabm"));
        Assert.Equal(TypedJson.ToBytes(v.Data.GetProperty("serialize")), FlatCodec.Encode(message));
    }

    [Theory]
    [MemberData(nameof(LosslessRoundTrips))]
    public void Decode_of_the_serialization_gives_hyperbeams_message(VectorCase v)
    {
        var serialized = TypedJson.ToBytes(v.Data.GetProperty("serialize"));
        AssertMessage(OkValue(v.Data.GetProperty("deserialize_roundtrip")), FlatCodec.Decode(serialized));
    }

    /// <summary>
    /// HyperBEAM drops a line holding ": " twice without a word (value_with_colon_space: "k: a: b" reads back as
    /// an empty message). We refuse such a line with a CodecException instead of losing the value.
    /// </summary>
    [Theory]
    [MemberData(nameof(LossyRoundTrips))]
    public void Where_hyperbeam_silently_drops_a_line_decode_refuses_with_a_codec_exception(VectorCase v)
    {
        var serialized = TypedJson.ToBytes(v.Data.GetProperty("serialize"));
        var error = Assert.Throws<CodecException>(() => FlatCodec.Decode(serialized));
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void The_lossy_vector_is_the_one_with_a_colon_space_in_its_value()
    {
        Assert.Equal(["value_with_colon_space"], LossyRoundTrips.Select(row => ((VectorCase)row[0]).Name));
    }

    [Theory]
    [MemberData(nameof(Deserialize))]
    public void Decode_reads_text_as_hyperbeam(VectorCase v)
    {
        var text = TypedJson.ToBytes(v.Data.GetProperty("input"));
        AssertMessage(OkValue(v.Data.GetProperty("deserialize")), FlatCodec.Decode(text));
    }

    [Theory]
    [MemberData(nameof(From))]
    public void From_nests_paths_as_hyperbeam(VectorCase v)
    {
        var flat = FlatMap(v.Data.GetProperty("input_flat_map"));
        AssertMessage(TypedJson.ToMessage(v.Data.GetProperty("from")), FlatCodec.From(flat));
    }

    [Theory]
    [MemberData(nameof(Convert))]
    public void Converting_a_rich_message_gives_hyperbeams_flat_map(VectorCase v)
    {
        var message = TypedJson.ToMessage(v.Data.GetProperty("input"));
        AssertFlatMap(FlatMap(v.Data.GetProperty("convert_to_flat")), FlatCodec.To(StructuredCodec.ToTabm(message)));
    }

    [Theory]
    [MemberData(nameof(Convert))]
    public void A_converted_message_decodes_back_to_itself(VectorCase v)
    {
        var message = TypedJson.ToMessage(v.Data.GetProperty("input"));
        AssertMessage(message, FlatCodec.Decode(FlatCodec.Encode(message)));
    }

    private static bool HyperBeamLosesData(VectorCase v) =>
        !TypedJson.ToMessage(v.Data.GetProperty("input_tabm")).Equals(OkValue(v.Data.GetProperty("deserialize_roundtrip")));

    /// <summary>The message in <c>{"@tuple": [ok, Message]}</c>.</summary>
    private static Message OkValue(JsonElement tuple)
    {
        var items = tuple.GetProperty("@tuple");
        Assert.Equal("ok", items[0].GetProperty("@atom").GetString());
        return TypedJson.ToMessage(items[1]);
    }

    private static Dictionary<string, AoBinary> FlatMap(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => new AoBinary(TypedJson.ToBytes(p.Value)));

    private static void AssertFlatMap(Dictionary<string, AoBinary> expected, IReadOnlyDictionary<string, AoBinary> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
            Assert.True(value.Equals(actual[key]), $"'{key}': expected {value}, got {actual[key]}");
    }

    private static void AssertMessage(Message expected, Message actual) =>
        Assert.True(expected.Equals(actual), $"expected {expected}\n     got {actual}\n   bytes {Encoding.UTF8.GetString(FlatCodec.Encode(actual))}");
}
