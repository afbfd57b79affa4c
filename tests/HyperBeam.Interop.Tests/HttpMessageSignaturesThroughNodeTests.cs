using System.Net;
using System.Text.Json.Nodes;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// Requests signed by the npm http-message-signatures 1.0.6 for a real node's URL, sent to that node: the library's
/// default parameter order and every derived component it can sign verify at the door; one changed byte does not.
/// </summary>
[Collection(NodeCollection.Name)]
public class HttpMessageSignaturesThroughNodeTests(NodeFixture npm, HyperBeamNodeFixture hb) : IClassFixture<HyperBeamNodeFixture>
{
    private const string Target = "/~message@1.0/x-greeting?x=1&y=two%20words";

    public static TheoryData<string> DerivedComponents => new(
        ["@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query", "@query-param;name=\"x\"", "@query-param;name=\"y\""]);

    [Theory]
    [MemberData(nameof(DerivedComponents))]
    public async Task A_library_signed_request_over_a_derived_component_verifies_at_the_node(string component)
    {
        var headers = await SignAsync([component, "x-greeting"]);

        using var response = await hb.Client.SendAsync(Request(headers));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("hello from node", text);
    }

    [Theory]
    [MemberData(nameof(DerivedComponents))]
    public async Task One_changed_byte_in_a_covered_header_is_refused_at_the_node(string component)
    {
        var headers = await SignAsync([component, "x-greeting"]);

        using var response = await hb.Client.SendAsync(Request(HttpRequestJson.With(headers, "x-greeting", "hello from nodf")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Parameters_the_node_does_not_know_are_kept_in_the_signature_base()
    {
        var headers = await SignAsync(["@method", "@path", "x-greeting"],
            ["keyid", "alg", "created", "expires", "nonce", "tag"], new JsonObject { ["nonce"] = "n-1", ["tag"] = "interop" });

        using var response = await hb.Client.SendAsync(Request(headers));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<string, string>> SignAsync(string[] fields, string[]? parameters = null, JsonObject? values = null)
    {
        var input = new JsonObject
        {
            ["method"] = "POST",
            ["url"] = new Uri(hb.Client.BaseAddress!, Target).AbsoluteUri,
            ["headers"] = new JsonObject { ["X-Greeting"] = "hello from node" },
            ["fields"] = new JsonArray(fields.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
            ["jwk"] = Json.Jwk(npm.Wallet.ToJwk(includePrivate: true)),
        };
        if (parameters is not null) input["params"] = new JsonArray(parameters.Select(p => (JsonNode)JsonValue.Create(p)).ToArray());
        if (values is not null) input["param_values"] = values;
        return HttpRequestJson.Headers(await npm.RunAsync("hms-sign.mjs", input));
    }

    private static HttpRequestMessage Request(IReadOnlyDictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Target) { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
