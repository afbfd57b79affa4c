using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Ids;

/// <summary>
/// The httpsig encoding a message's signatures and HMAC ID cover is computed once per message and passes to copies
/// that differ only in their commitments or private part (decoding a signed request adds its HMAC commitment, the
/// check of its signature reads the same encoding), never to a copy with another public key.
/// </summary>
public class SignatureEncodingMemoTests
{
    private static readonly Message Commitments = Message.Of(("some-id", Message.Of(("alg", "hmac-sha256"))));

    [Fact]
    public void A_copy_with_other_commitments_shares_the_encoding_already_computed()
    {
        var message = Message.Of(("n", "5"), ("nonce", "abc"));
        var encoded = MessageIds.EncodedForSignature(message);

        var committed = message.Set(MessageIds.CommitmentsKey, Commitments);

        Assert.Same(encoded, MessageIds.EncodedForSignature(committed));
        Assert.Same(encoded, MessageIds.EncodedForSignature(committed.Remove(MessageIds.CommitmentsKey)));
        Assert.Same(encoded, MessageIds.EncodedForSignature(committed.WithPriv(Message.Of(("hashpath", "x")))));
    }

    [Fact]
    public void A_copy_with_another_public_key_encodes_itself_and_has_its_own_ids()
    {
        var message = Message.Of(("n", "5"), ("nonce", "abc")).Set(MessageIds.CommitmentsKey, Commitments);
        var encoded = MessageIds.EncodedForSignature(message);
        var id = MessageIds.Unsigned(message);

        var changed = message.Set("n", "6");
        var added = message.Set("extra", "1");
        var removed = message.Remove("nonce");

        foreach (var copy in new[] { changed, added, removed })
        {
            Assert.NotSame(encoded, MessageIds.EncodedForSignature(copy));
            Assert.NotEqual(id, MessageIds.Unsigned(copy));
            Assert.Equal(MessageIds.Unsigned(Fresh(copy)), MessageIds.Unsigned(copy));
        }
    }

    [Fact]
    public void The_unsigned_id_of_a_copy_with_other_commitments_is_the_one_computed_afresh()
    {
        var message = Message.Of(("n", "5"), ("nonce", "abc"));
        _ = MessageIds.Unsigned(message);
        var committed = message.Set(MessageIds.CommitmentsKey, Commitments);
        Assert.Equal(MessageIds.Unsigned(Fresh(committed)), MessageIds.Unsigned(committed));
    }

    /// <summary>The same message rebuilt key by key: nothing computed on it yet.</summary>
    private static Message Fresh(Message message) => new MessageBuilder(message).Build();
}
