using System.Net;
using System.Text;
using HyperBeam.Codecs.Json;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// Messages with many keys: decoding is linear, and a message over the node's max-keys limit is refused with a 413
/// naming the limit, in every codec, before any resolution starts.
/// </summary>
public class KeyCountLimitTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task A_json_body_of_nine_thousand_keys_decodes_every_key()
    {
        using var response = await fixture.Client.SendAsync(
            HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/k8999", "json@1.0", JsonObject(9000)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("v8999", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("json@1.0")]
    [InlineData("flat@1.0")]
    public async Task A_body_with_more_keys_than_the_limit_is_refused_with_413_naming_it(string codec)
    {
        var body = codec == "json@1.0" ? JsonObject(40_000) : FlatLines(40_000);
        using var response = await fixture.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/k5", codec, body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("max-keys", text);
        Assert.Contains("10000", text);
    }

    [Fact]
    public async Task A_nested_message_over_the_limit_is_refused_too()
    {
        var inner = Encoding.UTF8.GetString(JsonObject(10_001));
        var body = Encoding.UTF8.GetBytes($"{{\"a\":\"1\",\"inner\":{inner}}}");
        using var response = await fixture.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/a", "json@1.0", body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("max-keys", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_limit_is_configurable_and_applies_to_the_url_grammar()
    {
        await using var node = await TestNode.StartAsync(o => o with { Limits = o.Limits with { MaxKeys = 5 } });
        using var fine = await node.Client.GetAsync("/~message@1.0&a=1&b=2/a");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        using var refused = await node.Client.GetAsync("/~message@1.0&a=1&b=2&c=3&d=4&e=5&f=6/a");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("max-keys", await refused.Content.ReadAsStringAsync());
    }

    internal static byte[] JsonObject(int keys)
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < keys; i++) sb.Append(i == 0 ? "" : ",").Append("\"k").Append(i).Append("\":\"v").Append(i).Append('"');
        return Encoding.UTF8.GetBytes(sb.Append('}').ToString());
    }

    private static byte[] FlatLines(int keys)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < keys; i++) sb.Append('k').Append(i).Append(": v").Append(i).Append('\n');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
