using System.Security.Cryptography;
using System.Text;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.HttpSig;

/// <summary>
/// Signatures made by RFC 9421 itself rather than HyperBEAM's dialect: the <c>@signature-params</c> line as the client
/// sent it (parameters in its order, unknown ones kept) and derived components computed from the request. The
/// expected signature bases are written out by hand from the RFC's rules.
/// </summary>
public class Rfc9421VerificationTests(TwoWallets wallets) : IClassFixture<TwoWallets>
{
    private const string Target = "/x?a=1&b=two%20words&b=again";
    private const string Scheme = "http";
    private const string Authority = "node.example:8734";

    /// <summary>Component identifier → the line value RFC 9421 gives it for the request above.</summary>
    public static TheoryData<string, string> Components => new()
    {
        { "\"@method\"", "POST" },
        { "\"@target-uri\"", "http://node.example:8734" + Target },
        { "\"@authority\"", Authority },
        { "\"@scheme\"", Scheme },
        { "\"@request-target\"", Target },
        { "\"@path\"", "/x" },
        { "\"@query\"", "?a=1&b=two%20words&b=again" },
        { "\"@query-param\";name=\"a\"", "1" },
    };

    [Theory]
    [MemberData(nameof(Components))]
    public void A_signature_over_a_derived_component_verifies(string identifier, string value)
    {
        var message = Received(Signed([(identifier, value), ("\"x-greeting\"", "hello")], DefaultOrderParams()));

        Assert.True(HttpSigCommitments.Verify(message));
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void A_signature_over_a_derived_component_fails_when_the_request_differs(string identifier, string value)
    {
        var http = Signed([(identifier, value)], DefaultOrderParams());
        var elsewhere = identifier switch
        {
            "\"@method\"" => Received(http.Set("method", "PUT")),
            "\"@authority\"" or "\"@target-uri\"" => Received(http, authority: "other.example:8734"),
            "\"@scheme\"" => Received(http, scheme: "https"),
            "\"@path\"" => Received(http.Set("path", "/y?a=1&b=two%20words&b=again")),
            "\"@query-param\";name=\"a\"" => Received(http.Set("path", "/x?a=2&b=two%20words&b=again")),
            _ => Received(http.Set("path", Target + "&c=3")),
        };

        Assert.False(HttpSigCommitments.Verify(elsewhere));
    }

    [Fact]
    public void A_query_parameter_that_repeats_signs_every_value_in_order_encoded_again()
    {
        var message = Received(Signed([("\"@query-param\";name=\"b\"", "two%20words"), ("\"@query-param\";name=\"b\"", "again")], DefaultOrderParams()));

        Assert.True(HttpSigCommitments.Verify(message));
    }

    [Fact]
    public void Parameters_in_the_clients_order_with_unknown_ones_verify_and_one_changed_byte_fails()
    {
        var parameters = $";keyid=\"{KeyId}\";alg=\"rsa-pss-sha512\";created=1700000000;expires=1700000300;nonce=\"n-1\";custom=\"kept\"";
        var http = Signed([("\"x-greeting\"", "hello"), ("\"@method\"", "POST")], parameters);

        Assert.True(HttpSigCommitments.Verify(Received(http)));
        Assert.False(HttpSigCommitments.Verify(Received(http.Set("x-greeting", "hellp"))));
        Assert.False(HttpSigCommitments.Verify(Received(http.Set("signature-input", ((AoBinary)http.Get("signature-input")!).Text.Replace("kept", "kepT", StringComparison.Ordinal)))));
    }

    [Fact]
    public void The_nodes_own_signatures_stay_in_HyperBEAMs_dialect_and_verify()
    {
        var signed = HttpSigCommitments.Commit(Message.Of(("path", "/x"), ("method", "POST"), ("k", "v")), wallets.First);
        var input = ((Message)((Message)signed.Get("commitments")!).Entries.ToArray().First(e => ((Message)e.Value).GetText("alg") == "rsa-pss-sha512").Value).GetText("signature-input")!;

        Assert.True(HttpSigCommitments.Verify(signed));
        Assert.Contains(";alg=\"rsa-pss-sha512\";keyid=", input); // sorted parameters
        Assert.True(HttpSigCommitments.Verify(HttpSigCodec.Decode(HttpSigCodec.Encode(signed))));
    }

    private string KeyId => Base64Url.Encode(wallets.First.PublicKey.Span);

    private string DefaultOrderParams() => $";keyid=\"{KeyId}\";alg=\"rsa-pss-sha512\";created=1700000000;expires=1700000300";

    /// <summary>The request as HTTP, signed over the base RFC 9421 gives for <paramref name="lines"/>.</summary>
    private Message Signed(IReadOnlyList<(string Identifier, string Value)> lines, string parameters)
    {
        var distinct = lines.Select(l => l.Identifier).Distinct().ToList();
        var paramsLine = "(" + string.Join(' ', distinct) + ")" + parameters;
        var signatureBase = string.Concat(lines.Select(l => $"{l.Identifier}: {l.Value}\n")) + "\"@signature-params\": " + paramsLine;
        var signature = wallets.First.Sign(Encoding.UTF8.GetBytes(signatureBase), HashAlgorithmName.SHA512);
        return Message.Of(
            ("path", Target), ("method", "POST"), ("x-greeting", "hello"),
            ("signature-input", "sig1=" + paramsLine), ("signature", $"sig1=:{Convert.ToBase64String(signature)}:"));
    }

    private static Message Received(Message http, string scheme = Scheme, string authority = Authority) =>
        HttpSigCommitments.WithReceivedTarget(HttpSigCodec.Decode(http), scheme, authority);
}
