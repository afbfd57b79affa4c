using HyperBeam.Codecs.Flat;
using HyperBeam.Codecs.Tests.Shared;
using HyperBeam.Core.Ids;

namespace HyperBeam.Codecs.Tests.Flat;

public class FlatRoundTripTests
{
    [Theory]
    [MemberData(nameof(RoundTripMessages.Names), MemberType = typeof(RoundTripMessages))]
    public void Decode_of_encode_keeps_the_message_and_its_unsigned_id(string name)
    {
        var original = RoundTripMessages.Get(name);
        var encoded = FlatCodec.Encode(original);
        var decoded = FlatCodec.Decode(encoded);
        Assert.Equal(MessageIds.Unsigned(original), MessageIds.Unsigned(decoded));
        Assert.True(original.Equals(decoded), $"expected {original}\n     got {decoded}");
        Assert.Equal(encoded, FlatCodec.Encode(decoded));
    }
}
