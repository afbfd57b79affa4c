using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.HttpSig;

/// <summary>
/// Decoding a signed request restates its signatures in the HMAC commitment it adds. With one signature the decoder
/// reuses the commitment's own texts (kept per thread while it decodes); the result must be what the HMAC commitment
/// is when computed from the commitment texts alone, on a thread that has kept nothing.
/// </summary>
public class DecodedHmacCommitmentTests(TwoWallets wallets) : IClassFixture<TwoWallets>
{
    private static readonly Message Sample = Message.Of(("n", "41"), ("nonce", "0f3a"), ("note", "a \"quoted\" value"));

    [Fact]
    public void One_signature_gives_the_hmac_commitment_computed_from_the_commitment_texts_alone()
    {
        var decoded = HttpSigCodec.Decode(HttpSigCodec.Encode(HttpSigCommitments.Commit(Sample, wallets.First)));

        Assert.Equal(Commitments(OnAnotherThread(() => HttpSigCommitments.ResetHmac(Copy(decoded)))), Commitments(decoded));
        Assert.True(HttpSigCommitments.Verify(decoded));
    }

    [Fact]
    public void Two_signatures_give_the_hmac_commitment_computed_from_the_commitment_texts_alone()
    {
        var both = HttpSigCommitments.Commit(HttpSigCommitments.Commit(Sample, wallets.First), wallets.Second);
        var decoded = HttpSigCodec.Decode(HttpSigCodec.Encode(both));

        Assert.Equal(Commitments(OnAnotherThread(() => HttpSigCommitments.ResetHmac(Copy(decoded)))), Commitments(decoded));
        Assert.Equal(Commitments(both), Commitments(decoded));
    }

    private static Message Commitments(Message message) => (Message)message.Get("commitments")!;

    /// <summary>The message rebuilt with every text a new string: nothing kept for the old instances applies to it.</summary>
    private static Message Copy(Message message)
    {
        var copy = new MessageBuilder();
        foreach (var (key, value) in message.Entries)
            copy.Set(key, value switch
            {
                Message nested => Copy(nested),
                AoBinary binary => new AoBinary(binary.ToArray()),
                var other => other,
            });
        return copy.Build();
    }

    private static T OnAnotherThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }
}
