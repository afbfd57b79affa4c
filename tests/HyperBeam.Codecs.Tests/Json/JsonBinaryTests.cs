using System.Text;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.Json;

/// <summary>
/// Binaries that are not UTF-8. HyperBEAM cannot put them in JSON (json:encode raises invalid_byte); we write
/// their padded base64 and mark the key <c>"base64"</c> in the object's ao-types.
/// </summary>
public class JsonBinaryTests
{
    [Fact]
    public void A_binary_that_is_not_utf8_travels_as_base64_marked_in_ao_types()
    {
        var message = Message.Of(("data", new byte[] { 0xFF, 0xFE }));
        var json = JsonCodec.Encode(message);
        Assert.Equal("""{"ao-types":"data=\"base64\"","data":"//4="}""", Text(json));
        Assert.Equal(message, JsonCodec.Decode(json));
    }

    [Fact]
    public void The_mark_joins_the_types_already_recorded()
    {
        var message = Message.Of(("data", new byte[] { 0xFF }), ("n", 1));
        var json = JsonCodec.Encode(message);
        Assert.Equal("""{"ao-types":"n=\"integer\", data=\"base64\"","data":"/w==","n":"1"}""", Text(json));
        Assert.Equal(message, JsonCodec.Decode(json));
    }

    [Fact]
    public void A_list_holding_such_a_binary_travels_as_a_numbered_message()
    {
        var message = Message.Of(("l", AoList.Of(new AoBinary([0xFF]), "ok", 2)));
        var json = JsonCodec.Encode(message);
        Assert.Equal(
            """{"ao-types":"l=\"list\"","l":{"1":"/w==","2":"ok","3":"2","ao-types":"3=\"integer\", 1=\"base64\""}}""",
            Text(json));
        Assert.Equal(message, JsonCodec.Decode(json));
    }

    [Fact]
    public void Utf8_binaries_are_written_as_they_are()
    {
        Assert.Equal("""{"v":"é ✓"}""", Text(JsonCodec.Encode(Message.Of(("v", "é ✓")))));
    }

    [Fact]
    public void A_key_that_is_escaped_in_ao_types_is_marked_and_read_back()
    {
        var message = Message.Of(("ünï key", new byte[] { 0x80 }));
        var json = JsonCodec.Encode(message);
        Assert.Contains("%c3%bcn%c3%af%20key=\\\"base64\\\"", Text(json));
        Assert.Equal(message, JsonCodec.Decode(json));
    }

    [Theory]
    [InlineData("""{"ao-types":"d=\"base64\"","d":"not base64!"}""")]
    [InlineData("""{"ao-types":"d=\"base64\"","d":"/w"}""")]
    [InlineData("""{"ao-types":"d=\"base64\"","d":"/x=="}""")]
    [InlineData("""{"ao-types":"d=\"base64\"","d":"/w= ="}""")]
    [InlineData("""{"ao-types":"d=\"base64\"","d":5}""")]
    [InlineData("""{"ao-types":"d=\"base64\"","d":{"x":"y"}}""")]
    [InlineData("""{"ao-types":"d=\"base64\""}""")]
    public void Decode_refuses_a_mark_without_canonical_base64_under_it(string json)
    {
        var error = Assert.Throws<CodecException>(() => JsonCodec.Decode(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("base64", error.Message);
    }

    [Fact]
    public void A_hand_written_mark_for_a_utf8_value_is_honoured()
    {
        var decoded = JsonCodec.Decode(Encoding.UTF8.GetBytes("""{"ao-types":"d=\"base64\"","d":"aGk="}"""));
        Assert.Equal(Message.Of(("d", "hi")), decoded);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
