using System.Net;
using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Ids;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// Requests signed the way RFC 9421 clients sign them (parameters in the client's order, derived components such as
/// <c>@method</c>, <c>@authority</c>, <c>@target-uri</c>) verify at the door of a real node; a changed byte does not;
/// RFC 9421's <c>@path</c> leaves the query unsigned, so query keys do not ride along on it.
/// </summary>
public class Rfc9421RequestTests(NodeFixture node, StrangerWallet signer) : IClassFixture<NodeFixture>, IClassFixture<StrangerWallet>
{
    public static TheoryData<string> DerivedComponents => new(["@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query"]);

    [Theory]
    [MemberData(nameof(DerivedComponents))]
    public async Task A_request_signed_over_a_derived_component_in_the_clients_parameter_order_verifies(string component)
    {
        using var request = Signed(HttpMethod.Post, "/~message@1.0/note?x=1", [component, "note"]);

        using var response = await node.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("signed value", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(DerivedComponents))]
    public async Task A_request_with_one_changed_byte_in_a_signed_header_is_refused(string component)
    {
        using var request = Signed(HttpMethod.Post, "/~message@1.0/note?x=1", [component, "note"]);
        request.Headers.Remove("note");
        request.Headers.Add("note", "signed valuf");

        using var response = await node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_query_outside_an_rfc_path_signature_does_not_ride_along()
    {
        using var request = Signed(HttpMethod.Get, "/~message@1.0/extra?extra=smuggled", ["@method", "@path", "note"]);

        using var response = await node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A request carrying <c>note: signed value</c>, signed over the RFC 9421 base of <paramref name="components"/>.</summary>
    private HttpRequestMessage Signed(HttpMethod method, string target, string[] components)
    {
        var uri = new Uri(node.Client.BaseAddress!, target);
        var paramsLine = "(" + string.Join(' ', components.Select(c => $"\"{c}\"")) + ")"
            + $";keyid=\"{Base64Url.Encode(signer.Wallet.PublicKey.Span)}\";alg=\"rsa-pss-sha512\";created=1700000000;expires=4102444800";
        var lines = components.Select(c => $"\"{c}\": " + c switch
        {
            "@method" => method.Method,
            "@target-uri" => uri.AbsoluteUri,
            "@authority" => uri.Authority,
            "@scheme" => uri.Scheme,
            "@request-target" => uri.PathAndQuery,
            "@path" => uri.AbsolutePath,
            "@query" => uri.Query.Length == 0 ? "?" : uri.Query,
            _ => "signed value",
        });
        var signatureBase = string.Join('\n', lines) + "\n\"@signature-params\": " + paramsLine;
        var signature = signer.Wallet.Sign(Encoding.UTF8.GetBytes(signatureBase), HashAlgorithmName.SHA512);

        var request = new HttpRequestMessage(method, uri);
        request.Headers.Add("note", "signed value");
        request.Headers.TryAddWithoutValidation("signature-input", "sig1=" + paramsLine);
        request.Headers.TryAddWithoutValidation("signature", $"sig1=:{Convert.ToBase64String(signature)}:");
        return request;
    }
}
