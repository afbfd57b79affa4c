using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Interop.Tests;

/// <summary>Requests signed by the npm http-message-signatures package (RFC 9421, RSA-PSS-SHA512), checked here.</summary>
[Collection(NodeCollection.Name)]
public class HttpMessageSignaturesInboundTests(NodeFixture node)
{
    private static readonly byte[] Body = "a body of text"u8.ToArray();

    private static readonly string[] Covered = ["content-type", "x-greeting", "content-digest"];

    /// <summary>RFC 9421 parameters in name order, the order HyperBEAM rebuilds them in.</summary>
    private static readonly string[] ParamsInNameOrder = ["alg", "created", "expires", "keyid"];

    private async Task<LibrarySignedRequest> SignInNode(string[] fields, string[]? parameters = null, bool freshKey = false)
    {
        var input = new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "http://localhost/x",
            ["headers"] = new JsonObject { ["Content-Type"] = "text/plain", ["X-Greeting"] = "hello from node" },
            ["body_b64"] = Json.B64(Body),
            ["fields"] = new JsonArray(fields.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        };
        // Without a list the library uses its default order: keyid, alg, created, expires.
        if (parameters is not null) input["params"] = new JsonArray(parameters.Select(p => (JsonNode)JsonValue.Create(p)).ToArray());
        if (!freshKey) input["jwk"] = Json.Jwk(node.Wallet.ToJwk(includePrivate: true));
        return LibrarySignedRequest.From(await node.RunAsync("hms-sign.mjs", input), Body);
    }

    [Fact]
    public async Task The_library_signature_base_is_the_one_we_build_and_its_signature_verifies_with_the_wallet()
    {
        var request = await SignInNode(Covered, freshKey: true);

        var ours = request.OurBase();

        Assert.Equal(request.LibraryBase, Encoding.UTF8.GetString(ours));
        Assert.Equal(["content-type", "x-greeting", "content-digest"], request.Components);
        Assert.True(request.Input.Parameters.ContainsKey("created") && request.Input.Parameters.ContainsKey("expires"));
        // The library signs with Node's default PSS salt (the maximum); the wallet accepts any salt length.
        Assert.True(Wallet.Verify(request.Modulus, ours, request.Signature, HashAlgorithmName.SHA512));
    }

    [Fact]
    public async Task A_library_signed_request_decodes_as_a_message_whose_commitment_verifies()
    {
        var request = await SignInNode(Covered, ParamsInNameOrder);

        var message = HttpSigCodec.Decode(request.ToHttpMessage());

        Assert.True(HttpSigCommitments.Verify(message));
        Assert.Equal([node.Wallet.Address], HttpSigCommitments.Committers(message));
        Assert.Equal("hello from node", message.GetText("x-greeting"));
        Assert.Equal(Body, ((AoBinary)message.Get("body")!).Span.ToArray());
    }

    [Fact]
    public async Task A_request_in_the_librarys_default_parameter_order_verifies_as_a_commitment()
    {
        // RFC 9421: @signature-params as received (keyid, alg, created, expires), not re-sorted into HyperBEAM's order.
        var request = await SignInNode(Covered);

        Assert.True(Wallet.Verify(request.Modulus, request.OurBase(), request.Signature, HashAlgorithmName.SHA512));
        Assert.True(HttpSigCommitments.Verify(HttpSigCodec.Decode(request.ToHttpMessage())));
    }

    [Fact]
    public async Task One_changed_byte_in_a_covered_header_fails_verification()
    {
        var request = await SignInNode(Covered, ParamsInNameOrder);
        var tampered = request with { Headers = HttpRequestJson.With(request.Headers, "x-greeting", "hello from nodf") };

        Assert.True(HttpSigCommitments.Verify(HttpSigCodec.Decode(request.ToHttpMessage())));
        Assert.False(Wallet.Verify(request.Modulus, tampered.OurBase(), request.Signature, HashAlgorithmName.SHA512));
        Assert.False(HttpSigCommitments.Verify(HttpSigCodec.Decode(tampered.ToHttpMessage())));
    }

    [Fact]
    public async Task One_changed_byte_in_the_body_fails_verification_through_its_content_digest()
    {
        var request = await SignInNode(Covered, ParamsInNameOrder);
        var body = (byte[])Body.Clone();
        body[0] ^= 0x01;

        // The received content-digest is checked against the body as the request is decoded: the change is refused there.
        var error = Assert.Throws<CodecException>(() => HttpSigCodec.Decode((request with { Body = body }).ToHttpMessage()));
        Assert.Contains("content-digest", error.Message);
    }

    [Fact]
    public async Task One_changed_byte_in_the_signature_fails_verification()
    {
        var request = await SignInNode(Covered, ParamsInNameOrder);
        var signature = (byte[])request.Signature.Clone();
        signature[100] ^= 0x01;
        var header = $"{request.Label}=:{Convert.ToBase64String(signature)}:";
        var tampered = request with { Headers = HttpRequestJson.With(request.Headers, "signature", header) };

        Assert.False(Wallet.Verify(request.Modulus, request.OurBase(), signature, HashAlgorithmName.SHA512));
        Assert.False(HttpSigCommitments.Verify(HttpSigCodec.Decode(tampered.ToHttpMessage())));
    }

    [Fact]
    public async Task Known_difference_derived_components_are_named_without_their_at_sign_in_our_base()
    {
        // HyperBEAM prints a derived component as "method": POST where RFC 9421 (and the library) print
        // "@method": POST; otherwise the bases agree line for line.
        var request = await SignInNode(["@method", "@path", "x-greeting"], ParamsInNameOrder);
        var headers = HttpRequestJson.ToHttpMessage(request.Headers, null).Set("method", AoBinary.FromString("POST")).Set("path", AoBinary.FromString("/x"));

        var ours = Encoding.UTF8.GetString(request.OurBase(headers));

        Assert.NotEqual(request.LibraryBase, ours);
        Assert.Equal(request.LibraryBase, ours.Replace("\"method\": ", "\"@method\": ").Replace("\"path\": ", "\"@path\": "));
    }
}
