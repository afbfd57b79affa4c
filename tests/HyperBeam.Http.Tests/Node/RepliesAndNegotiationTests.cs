using System.Net;
using System.Text;
using System.Text.Json;
using HyperBeam.Codecs.Flat;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>Reply codecs (accept-codec, accept, default), statuses, CORS and the root redirect.</summary>
public class RepliesAndNegotiationTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const string MessagePath = "/~message@1.0&inner+map=a=1,b=%22x%22/inner";

    [Fact]
    public async Task Accept_codec_json_gives_a_json_reply()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MessagePath);
        request.Headers.Add("accept-codec", "json@1.0");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("x", json.RootElement.GetProperty("b").GetString());
    }

    [Fact]
    public async Task An_accept_header_asking_for_json_gives_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MessagePath);
        request.Headers.Add("accept", "application/json");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Accept_codec_flat_gives_flat_lines()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MessagePath);
        request.Headers.Add("accept-codec", "flat@1.0");
        using var response = await fixture.Client.SendAsync(request);
        var decoded = FlatCodec.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new AoInteger(1), decoded.Get("a"));
    }

    [Fact]
    public async Task Without_a_preference_the_reply_is_httpsig()
    {
        using var response = await fixture.Client.GetAsync(MessagePath);
        Assert.Equal("1", response.Headers.GetValues("a").Single());
        Assert.Contains("a=\"integer\"", response.Headers.GetValues("ao-types").Single());
    }

    [Fact]
    public async Task Options_answers_204_with_permissive_cors()
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/anything"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task The_root_redirects_to_the_default_page()
    {
        using var response = await fixture.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/~hyperbuddy@1.0/index", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_status_key_in_the_result_sets_the_http_status()
    {
        using var response = await fixture.Client.GetAsync("/~message@1.0&m+map=status=201,body=%22made%22/m");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("made", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Meta_info_shows_the_node_address_and_options_without_private_keys()
    {
        using var response = await fixture.Client.GetAsync("/~meta@1.0/info");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await HttpMessages.DecodeReplyAsync(response);
        Assert.Equal(fixture.Node.Node.Address, info.GetText("address"));
        Assert.Equal(new AoInteger(fixture.Node.Node.Url.Port), info.Get("port"));
        Assert.DoesNotContain(info.Keys, k => k.StartsWith("priv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Meta_build_names_the_software()
    {
        using var response = await fixture.Client.GetAsync("/~meta@1.0/build");
        var build = await HttpMessages.DecodeReplyAsync(response);
        Assert.Equal("HyperBeam.Actors", build.GetText("node"));
        Assert.False(string.IsNullOrEmpty(build.GetText("version")));
    }
}
