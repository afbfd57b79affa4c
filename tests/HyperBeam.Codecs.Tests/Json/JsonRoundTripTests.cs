using HyperBeam.Codecs.Json;
using HyperBeam.Codecs.Tests.Shared;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.Json;

public class JsonRoundTripTests
{
    [Theory]
    [MemberData(nameof(RoundTripMessages.Names), MemberType = typeof(RoundTripMessages))]
    public void Decode_of_encode_keeps_the_message_and_its_unsigned_id(string name) => AssertRoundTrip(RoundTripMessages.Get(name));

    /// <summary>What flat@1.0 cannot carry, JSON can: newlines, ": ", control characters, in keys and values.</summary>
    [Fact]
    public void Values_and_keys_flat_cannot_carry_round_trip_through_json()
    {
        AssertRoundTrip(Message.Of(
            ("multi-line", "line 1\nline 2\r\n"),
            ("colon", "k: a: b"),
            ("controls", "\0\u0001\u001f\u007f"),
            ("separators", "\u2028\u2029"),
            ("key: with\nnewline", "v"),
            ("", "empty key"),
            ("a/b", "slash key"),
            ("list", AoList.Of("a\nb", "c: d"))));
    }

    private static void AssertRoundTrip(Message original)
    {
        var encoded = JsonCodec.Encode(original);
        var decoded = JsonCodec.Decode(encoded);
        Assert.Equal(MessageIds.Unsigned(original), MessageIds.Unsigned(decoded));
        Assert.True(original.Equals(decoded), $"expected {original}\n     got {decoded}");
        Assert.Equal(encoded, JsonCodec.Encode(decoded));
    }
}
