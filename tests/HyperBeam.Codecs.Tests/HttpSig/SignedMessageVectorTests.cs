using System.Text;
using System.Text.Json;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.HttpSig;

/// <summary>
/// Messages HyperBEAM signed with its test key (tests/vectors/signed.json). RSA-PSS salts are random, so the
/// recorded signatures are checked by verifying them here, never by comparing bytes.
/// </summary>
public class SignedMessageVectorTests
{
    public static IEnumerable<object[]> Cases => VectorFile.Rows("signed.json", "httpsig");

    private static JsonElement Output(VectorCase v) => v.Data.GetProperty("output");

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_message_signed_by_HyperBEAM_verifies(VectorCase v)
    {
        var signed = TypedJson.ToMessage(Output(v).GetProperty("signed_message"));
        Assert.True(HttpSigCommitments.Verify(signed));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Its_ids_match_HyperBEAM(VectorCase v)
    {
        var signed = TypedJson.ToMessage(Output(v).GetProperty("signed_message"));
        Assert.Equal(Output(v).GetProperty("id_all").GetString(), MessageIds.All(signed));
        Assert.Equal(Output(v).GetProperty("id_none").GetString(), MessageIds.Unsigned(signed));
        var commitmentIds = Output(v).GetProperty("commitment_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(commitmentIds, ((Message)signed.Get("commitments")!).Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(Output(v).GetProperty("signers").EnumerateArray().Select(e => e.GetString()!), HttpSigCommitments.Committers(signed));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Its_http_form_decodes_to_the_same_verifying_message(VectorCase v)
    {
        var http = TypedJson.ToMessage(Output(v).GetProperty("httpsig_encoded"));
        var signed = TypedJson.ToMessage(Output(v).GetProperty("signed_message"));
        var decoded = HttpSigCodec.Decode(http);
        Assert.True(signed.Equals(decoded), $"expected {signed}\n  actual {decoded}");
        Assert.True(HttpSigCommitments.Verify(decoded));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encoding_the_signed_message_gives_HyperBEAMs_http_form(VectorCase v)
    {
        var signed = TypedJson.ToMessage(Output(v).GetProperty("signed_message"));
        var http = TypedJson.ToMessage(Output(v).GetProperty("httpsig_encoded"));
        HttpSigVectorTests.AssertSameBinaries(http, HttpSigCodec.Encode(signed));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_signature_base_HyperBEAM_signed_is_the_one_we_build(VectorCase v)
    {
        var signed = TypedJson.ToMessage(Output(v).GetProperty("signed_message"));
        var recorded = Output(v).GetProperty("signature_bases_seen_during_commit").EnumerateArray()
            .Select(TypedJson.ToBytes).Select(b => Encoding.Latin1.GetString(b)).ToList();
        var rsaCommitment = ((Message)signed.Get("commitments")!).Entries.ToArray()
            .Select(e => (Message)e.Value).Single(c => c.GetText("alg") == "rsa-pss-sha512");
        var keyId = rsaCommitment.GetText("signature-input")!.Split("keyid=\"")[1].TrimEnd('"');
        var encoded = HttpSigCommitments.EncodedForSignature(signed);
        var components = SignatureBase.SigningComponentIdentifiers(encoded.Keys);
        var ours = SignatureBase.Build(encoded, components,
            SignatureBase.ParamsLine(components, new KeyValuePair<string, string>[] { new("alg", "rsa-pss-sha512"), new("keyid", keyId) }));
        Assert.Contains(Encoding.Latin1.GetString(ours), recorded);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Changing_a_signed_value_breaks_verification(VectorCase v)
    {
        var signed = TypedJson.ToMessage(Output(v).GetProperty("signed_message"));
        var rsaId = ((Message)signed.Get("commitments")!).Entries.ToArray()
            .Single(e => ((Message)e.Value).GetText("alg") == "rsa-pss-sha512").Key;
        var key = signed.Keys.First(k => k != "commitments");
        var tampered = signed.Set(key, "tampered");
        Assert.False(HttpSigCommitments.Verify(tampered, [rsaId]));
    }

    public static IEnumerable<object[]> MultiSigner => VectorFile.Rows("signed.json", "multi_signer");

    /// <summary>
    /// HyperBEAM's HTTP form of a twice-signed message carries only the first signature (its HMAC commitment keeps
    /// one signer); ours carries both, and the recorded one still decodes and verifies.
    /// </summary>
    [Theory]
    [MemberData(nameof(MultiSigner))]
    public void Two_signers_verify_and_the_id_is_the_hash_of_both_commitment_ids(VectorCase v)
    {
        var signed = TypedJson.ToMessage(v.Data.GetProperty("signed_message"));
        Assert.True(HttpSigCommitments.Verify(signed));
        Assert.Equal(v.Data.GetProperty("id_all").GetString(), MessageIds.All(signed));
        Assert.Equal(v.Data.GetProperty("id_none").GetString(), MessageIds.Unsigned(signed));
        Assert.Equal(
            v.Data.GetProperty("signers").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal),
            HttpSigCommitments.Committers(signed).Order(StringComparer.Ordinal));

        var fromHyperBeam = HttpSigCodec.Decode(TypedJson.ToMessage(v.Data.GetProperty("httpsig_encoded")));
        Assert.True(HttpSigCommitments.Verify(fromHyperBeam));

        var roundTripped = HttpSigCodec.Decode(HttpSigCodec.Encode(signed));
        Assert.True(HttpSigCommitments.Verify(roundTripped));
        Assert.Equal(2, HttpSigCommitments.Committers(roundTripped).Count);
        Assert.Equal(MessageIds.All(signed), MessageIds.All(roundTripped));
    }
}
