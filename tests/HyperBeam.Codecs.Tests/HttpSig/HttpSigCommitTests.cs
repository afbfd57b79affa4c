using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Codecs.Tests.HttpSig;

public class HttpSigCommitTests(TwoWallets wallets) : IClassFixture<TwoWallets>
{
    private static readonly Message Sample = Message.Of(
        ("a", "b"), ("n", 7), ("empty", ""), ("nested", Message.Of(("x", "y"))), ("big", new string('z', 5000)));

    [Fact]
    public void A_committed_message_verifies_and_names_its_committer()
    {
        var signed = HttpSigCommitments.Commit(Sample, wallets.First);
        Assert.True(HttpSigCommitments.Verify(signed));
        Assert.Equal([wallets.First.Address], HttpSigCommitments.Committers(signed));
        var commitments = (Message)signed.Get("commitments")!;
        Assert.Equal(2, commitments.Count);
        Assert.Contains(MessageIds.Unsigned(Sample), commitments.Keys);
    }

    [Fact]
    public void The_id_with_one_signature_is_the_signature_commitment_and_with_none_the_unsigned_id()
    {
        var signed = HttpSigCommitments.Commit(Sample, wallets.First);
        var rsaId = ((Message)signed.Get("commitments")!).Entries.ToArray()
            .Single(e => ((Message)e.Value).GetText("alg") == "rsa-pss-sha512").Key;
        Assert.Equal(rsaId, MessageIds.All(signed));
        Assert.Equal(MessageIds.Unsigned(Sample), MessageIds.Unsigned(signed));
        Assert.Equal(MessageIds.Unsigned(Sample), MessageIds.All(Sample));
    }

    [Fact]
    public void Two_signers_give_an_id_that_does_not_depend_on_signing_order()
    {
        var both = HttpSigCommitments.Commit(HttpSigCommitments.Commit(Sample, wallets.First), wallets.Second);
        Assert.True(HttpSigCommitments.Verify(both));
        Assert.Equal(2, HttpSigCommitments.Committers(both).Count);
        // The same two commitments added the other way round make the same message and so the same ID.
        var commitments = (Message)both.Get("commitments")!;
        var reversed = Message.Empty;
        foreach (var (k, v) in commitments.Entries.ToArray().Reverse()) reversed = reversed.Set(k, v);
        Assert.Equal(MessageIds.All(both), MessageIds.All(Sample.Set("commitments", reversed)));
        Assert.NotEqual(MessageIds.Unsigned(Sample), MessageIds.All(both));
    }

    [Fact]
    public void Only_the_selected_commitments_are_verified()
    {
        var both = HttpSigCommitments.Commit(HttpSigCommitments.Commit(Sample, wallets.First), wallets.Second);
        var ids = ((Message)both.Get("commitments")!).Keys.ToList();
        foreach (var id in ids) Assert.True(HttpSigCommitments.Verify(both, [id]));
        Assert.False(HttpSigCommitments.Verify(both, ["no-such-commitment"]));
    }

    [Fact]
    public void Every_key_of_the_message_is_committed()
    {
        var signed = HttpSigCommitments.Commit(Sample, wallets.First);
        var committed = HttpSigCommitments.Committed(signed);
        foreach (var key in Sample.Keys) Assert.Contains(key, committed);
    }

    [Fact]
    public void A_signed_message_survives_the_http_round_trip_still_verifying()
    {
        var signed = HttpSigCommitments.Commit(Sample, wallets.First);
        var back = HttpSigCodec.Decode(HttpSigCodec.Encode(signed));
        Assert.True(signed.Equals(back), $"expected {signed}\n  actual {back}");
        Assert.True(HttpSigCommitments.Verify(back));
    }

    [Fact]
    public void Tampering_with_any_key_in_the_http_form_breaks_the_signature()
    {
        var signed = HttpSigCommitments.Commit(Sample, wallets.First);
        var http = HttpSigCodec.Encode(signed);
        // A tampered body no longer matches its content-digest and is refused as it is decoded.
        var body = http.Set("body", ((AoBinary)http.Get("body")!).Text.Replace("zzzz", "zzzq"));
        Assert.Contains("content-digest", Assert.Throws<CodecException>(() => HttpSigCodec.Decode(body)).Message);
        foreach (var (key, from, to) in new[] { ("a", "b", "c"), ("n", "7", "8") })
        {
            var tampered = HttpSigCodec.Decode(http.Set(key, ((AoBinary)http.Get(key)!).Text.Replace(from, to)));
            var rsaId = ((Message)signed.Get("commitments")!).Entries.ToArray()
                .Single(e => ((Message)e.Value).GetText("alg") == "rsa-pss-sha512").Key;
            Assert.False(HttpSigCommitments.Verify(tampered, [rsaId]), $"tampering with {key} went unnoticed");
        }
    }

    [Fact]
    public void A_hashpath_travels_in_the_signature_tag()
    {
        var withHashpath = Sample.Set("priv-hashpath", "abc/def");
        var signed = HttpSigCommitments.Commit(withHashpath, wallets.First);
        var input = ((Message)signed.Get("commitments")!).Entries.ToArray()
            .Select(e => ((Message)e.Value).GetText("signature-input")).First(s => s is not null)!;
        Assert.Contains("tag=\"abc/def\"", input);
        Assert.True(HttpSigCommitments.Verify(signed));
    }

    [Fact]
    public async Task Setting_a_committed_key_to_a_new_value_drops_the_commitments_and_to_the_same_value_keeps_them()
    {
        var signed = HttpSigCommitments.Commit(Sample, wallets.First);
        var resolver = new Resolver(DeviceRegistry.Preloaded);
        var changed = await resolver.SetAsync(signed, Message.Of(("a", "other")));
        Assert.Null(changed.Message!.Get("commitments"));
        var same = await resolver.SetAsync(signed, Message.Of(("a", "b")));
        Assert.NotNull(same.Message!.Get("commitments"));
        Assert.True(HttpSigCommitments.Verify(same.Message!));
        var nestedChange = await resolver.SetAsync(signed, Message.Of(("nested", Message.Of(("x", "changed")))));
        Assert.Null(nestedChange.Message!.Get("commitments"));
    }

    [Fact]
    public void A_signed_message_carried_as_the_body_of_another_keeps_its_commitment_ids_and_verifies()
    {
        var inner = HttpSigCommitments.Commit(Message.Of(("route", "/x"), ("n", 1)), wallets.First);
        var outer = Message.Of(("body", inner), ("note", "carrier"));
        var back = HttpSigCodec.Decode(HttpSigCodec.Encode(outer));
        var decodedInner = (Message)back.Get("body")!;
        Assert.Equal(((Message)inner.Get("commitments")!).Keys, ((Message)decodedInner.Get("commitments")!).Keys);
        Assert.True(HttpSigCommitments.Verify(decodedInner));
    }
}
