using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.HttpSig;

/// <summary>
/// The header naming which key the HTTP body holds (<c>inline-body-key</c>, <c>ao-body-key</c> in the newest
/// HyperBEAM) belongs to the encoding: a message whose body key is <c>data</c> decodes without it, unless a
/// signature covers it (HyperBEAM's <c>is_signed_key</c>).
/// </summary>
public class BodyKeyNameTests(TwoWallets wallets) : IClassFixture<TwoWallets>
{
    [Fact]
    public void A_message_whose_body_key_is_data_decodes_without_an_inline_body_key()
    {
        var message = Message.Of(("data", "the body"), ("k", "v"));

        var http = HttpSigCodec.Encode(message);
        var decoded = HttpSigCodec.Decode(http);

        Assert.Equal("data", http.GetText("inline-body-key"));
        Assert.Equal(message, decoded);
    }

    [Fact]
    public void The_newest_ao_body_key_header_names_the_body_key_and_is_not_kept()
    {
        var http = Message.Of(("ao-body-key", "data"), ("k", "v"), ("body", "the body"));

        Assert.Equal(Message.Of(("data", "the body"), ("k", "v")), HttpSigCodec.Decode(http));
    }

    [Fact]
    public void A_signed_message_with_data_still_verifies_after_a_round_trip()
    {
        var signed = HttpSigCommitments.Commit(Message.Of(("data", "the body"), ("k", "v")), wallets.First);

        var decoded = HttpSigCodec.Decode(HttpSigCodec.Encode(signed));

        Assert.True(HttpSigCommitments.Verify(decoded));
        Assert.Equal("the body", decoded.GetText("data"));
    }
}
