using System.Text;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.Json;

/// <summary>
/// json@1.0 as HyperBEAM's dev_codec_json: the TABM written by Erlang's json:encode/1 (compact, keys in order,
/// minimal escaping), and json:decode/1 read into a message, native JSON values included.
/// </summary>
public class JsonCodecTests
{
    [Fact]
    public void Encode_writes_the_tabm_as_compact_json_in_key_order()
    {
        var message = Message.Of(("b", "2"), ("a", Message.Of(("c", "3"))));
        Assert.Equal("""{"a":{"c":"3"},"b":"2"}""", Text(JsonCodec.Encode(message)));
    }

    [Fact]
    public void Encode_carries_types_in_ao_types_as_strings_since_it_encodes_the_tabm()
    {
        var message = Message.Of(("n", 1), ("f", 3.5), ("t", true), ("l", AoList.Of(1, "two")), ("e", ""));
        Assert.Equal(
            """{"ao-types":"e=\"empty-binary\", f=\"float\", l=\"list\", n=\"integer\", t=\"atom\"","f":"3.50000000000000000000e+00","l":"\"(ao-type-integer) 1\", \"two\"","n":"1","t":"\"true\""}""",
            Text(JsonCodec.Encode(message)));
    }

    [Fact]
    public void Encode_escapes_only_what_erlangs_json_escapes()
    {
        var message = Message.Of(("v", "q\"b\\s/\b\f\n\r\t\u0001\u000b\u001f\u007f é ✓ \u2028"));
        Assert.Equal("{\"v\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u000B\\u001F\u007f é ✓ \u2028\"}", Text(JsonCodec.Encode(message)));
    }

    [Fact]
    public void Encode_of_the_empty_message_is_the_empty_object()
    {
        Assert.Equal("{}", Text(JsonCodec.Encode(Message.Empty)));
    }

    [Fact]
    public void Encode_leaves_out_private_keys()
    {
        var message = Message.Of(("a", "1")).Set("priv", Message.Of(("secret", "s"))).Set("priv-x", "y");
        Assert.Equal("""{"a":"1"}""", Text(JsonCodec.Encode(message)));
    }

    [Fact]
    public void Encode_refuses_a_float_that_is_not_finite()
    {
        Assert.Throws<CodecException>(() => JsonCodec.Encode(Message.Of(("f", double.PositiveInfinity))));
    }

    [Fact]
    public void To_refuses_a_value_that_is_not_in_a_tabm()
    {
        Assert.Throws<CodecException>(() => JsonCodec.To(Message.Of(("n", 1))));
    }

    [Fact]
    public void Decode_reads_hyperbeams_hand_written_node_message()
    {
        // From hb_http's send_json_encoded_node_message_test.
        var json = """{"test_option": "a", "test_optionb": "b", "test_deep": {"c": "c"}}""";
        Assert.Equal(
            Message.Of(("test_option", "a"), ("test_optionb", "b"), ("test_deep", Message.Of(("c", "c")))),
            JsonCodec.Decode(Bytes(json)));
    }

    [Fact]
    public void Decode_turns_native_json_values_into_typed_values()
    {
        var json = """
            { "n": 5, "neg": -3, "f": 1.5, "e": 1e3, "t": true, "fa": false, "z": null,
              "l": [1, "a", 2.5, [true], {"x": "y"}], "el": [] }
            """;
        var expected = Message.Of(
            ("n", 5), ("neg", -3), ("f", 1.5), ("e", 1000.0), ("t", true), ("fa", false), ("z", AoAtom.Null),
            ("l", AoList.Of(1, "a", 2.5, AoList.Of(true), Message.Of(("x", "y")))), ("el", AoList.Empty));
        var decoded = JsonCodec.Decode(Bytes(json));
        Assert.True(expected.Equals(decoded), $"got {decoded}");
    }

    [Fact]
    public void Decode_keeps_a_native_value_whatever_ao_types_says_of_it_as_hyperbeam()
    {
        var decoded = JsonCodec.Decode(Bytes("""{"ao-types": "n=\"atom\"", "n": 5}"""));
        Assert.Equal(new AoInteger(5), decoded["n"]);
    }

    [Fact]
    public void Decode_applies_ao_types_to_string_values()
    {
        var decoded = JsonCodec.Decode(Bytes("""{"ao-types":"n=\"integer\", e=\"empty-message\"","n":"12"}"""));
        Assert.Equal(Message.Of(("n", 12), ("e", Message.Empty)), decoded);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "invalid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("\"s\"", "JSON object")]
    [InlineData("5", "JSON object")]
    [InlineData("""{"a":"1","a":"2"}""", "twice")]
    [InlineData("""{"A":"1","a":"2"}""", "same key")]
    [InlineData("""{"a":1,"A":2}""", "same key")]
    [InlineData("""{"n":1,"n":"x"}""", "twice")]
    [InlineData("""{"ao-types":"","ao-types":""}""", "twice")]
    [InlineData("""{"priv":{"x":"1"}}""", "private")]
    [InlineData("""{"x":{"priv-y":"1"}}""", "private")]
    [InlineData("""{"a":"1"} x""", "invalid JSON")]
    [InlineData("""{"a":"1"}{}""", "invalid JSON")]
    [InlineData("""{"a":""", "invalid JSON")]
    [InlineData("""{"a":"1",}""", "invalid JSON")]
    [InlineData("""{'a':'1'}""", "invalid JSON")]
    [InlineData("""{"a":NaN}""", "invalid JSON")]
    [InlineData("""{/*c*/"a":"1"}""", "invalid JSON")]
    [InlineData("""{"a":01}""", "invalid JSON")]
    [InlineData("""{"a":1e400}""", "range")]
    [InlineData("""{"a":99999999999999999999}""", "64 bits")]
    [InlineData("""{"a":"\ud800"}""", "invalid JSON")]
    [InlineData("""{"a":"\udc00\ud800"}""", "invalid JSON")]
    [InlineData("""{"ao-types":5}""", "ao-types must be a string")]
    [InlineData("""{"ao-types":"n=(","n":"1"}""", "ao-types")]
    [InlineData("""{"ao-types":"n=\"integer\"","n":"x"}""", "integer")]
    [InlineData("""{"ao-types":"n=\"atom\"","n":"\"\""}""", "name is empty")]
    public void Decode_refuses_malformed_documents_with_a_codec_exception(string json, string expected)
    {
        var error = Assert.Throws<CodecException>(() => JsonCodec.Decode(Bytes(json)));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'"', (byte)'v', (byte)'"', (byte)'}' })]
    public void Decode_refuses_strings_that_are_not_utf8(byte[] json)
    {
        Assert.Throws<CodecException>(() => JsonCodec.Decode(json));
    }

    [Fact]
    public void Decode_accepts_64_levels_of_nesting_and_refuses_65()
    {
        Assert.IsType<Message>(JsonCodec.Decode(Bytes(NestedObjects(64))));
        var error = Assert.Throws<CodecException>(() => JsonCodec.Decode(Bytes(NestedObjects(65))));
        Assert.Contains("depth", error.Message);
    }

    [Fact]
    public void Decode_counts_arrays_towards_the_nesting_limit()
    {
        Assert.IsType<Message>(JsonCodec.Decode(Bytes("{\"a\":" + new string('[', 63) + new string(']', 63) + "}")));
        Assert.Throws<CodecException>(() => JsonCodec.Decode(Bytes("{\"a\":" + new string('[', 64) + new string(']', 64) + "}")));
    }

    [Fact]
    public void Encode_accepts_64_levels_of_nesting_and_refuses_65()
    {
        var json = JsonCodec.Encode(NestedMessage(64));
        Assert.Equal(NestedMessage(64), JsonCodec.Decode(json));
        var error = Assert.Throws<CodecException>(() => JsonCodec.Encode(NestedMessage(65)));
        Assert.Contains("deeper than 64", error.Message);
    }

    [Fact]
    public void Decode_refuses_documents_over_the_configured_size()
    {
        var json = Bytes("""{"a":"12345"}""");
        var options = new JsonCodecOptions { MaxDocumentBytes = json.Length };
        Assert.Equal(Message.Of(("a", "12345")), JsonCodec.Decode(json, options));
        var error = Assert.Throws<CodecException>(() => JsonCodec.Decode(json, options with { MaxDocumentBytes = json.Length - 1 }));
        Assert.Contains("over the limit", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_size_limit_must_be_positive(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonCodecOptions { MaxDocumentBytes = limit });
    }

    [Fact]
    public void The_default_size_limit_is_16_mib()
    {
        Assert.Equal(16 * 1024 * 1024, JsonCodecOptions.Default.MaxDocumentBytes);
        var json = new byte[JsonCodecOptions.DefaultMaxDocumentBytes + 1];
        Assert.Throws<CodecException>(() => JsonCodec.Decode(json));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string NestedObjects(int levels) =>
        new StringBuilder().Insert(0, "{\"k\":", levels - 1).Append("{}").Append('}', levels - 1).ToString();

    private static Message NestedMessage(int levels)
    {
        var message = Message.Of(("leaf", "v"));
        for (var i = 1; i < levels; i++) message = Message.Of(("k", message));
        return message;
    }
}
