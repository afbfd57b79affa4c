using System.Net;
using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>Every form of the URL grammar, sent to a real node over HTTP.</summary>
public class UrlGrammarEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Theory]
    [InlineData("/~message@1.0&greeting=hello/greeting", "hello")]
    [InlineData("/~message@1.0&n+integer=42/n", "42")]
    [InlineData("/~message@1.0/a?a=from-query", "from-query")]
    [InlineData("/~message@1.0&a=1&b=2/b", "2")]
    [InlineData("/~message@1.0/k?0.k=only-base", "only-base")]
    [InlineData("/~message@1.0&x=found/(/~message@1.0&k=x/k)", "found")]
    [InlineData("/~message@1.0&flag/flag", "true")]
    [InlineData("/~message@1.0&f+float=1.5/f", "1.5")]
    public async Task A_grammar_form_resolves_to_its_literal(string path, string expected)
    {
        using var response = await fixture.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal(expected, body);
        Assert.Equal("body", response.Headers.GetValues("ao-result").Single());
    }

    [Fact]
    public async Task A_message_result_comes_back_as_httpsig_with_its_types()
    {
        using var response = await fixture.Client.GetAsync("/~message@1.0&m+map=x=1,y=%22two%22/m");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await HttpMessages.DecodeReplyAsync(response);
        Assert.Equal(new AoInteger(1), reply.Get("x"));
        Assert.Equal("two", reply.GetText("y"));
        Assert.Equal(new AoInteger(200), reply.Get("status"));
    }

    [Fact]
    public async Task Request_headers_become_keys_of_the_message()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/~message@1.0/x-custom");
        request.Headers.Add("x-custom", "from a header");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal("from a header", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_is_the_body_key()
    {
        using var response = await fixture.Client.PostAsync("/~message@1.0/body", new ByteArrayContent(Encoding.UTF8.GetBytes("payload")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("payload", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/~message@1.0/missing", HttpStatusCode.NotFound)]
    [InlineData("/~message@1.0/a/(unbalanced", HttpStatusCode.BadRequest)]
    [InlineData("/~no-such-device@1.0/x", HttpStatusCode.BadRequest)]
    [InlineData("/~message@1.0&x+nosuchtype=1/x", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_get_clear_4xx_statuses(string path, HttpStatusCode expected)
    {
        using var response = await fixture.Client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_path_segment_over_512_bytes_is_refused()
    {
        using var response = await fixture.Client.GetAsync("/~message@1.0/" + new string('k', 513));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("512", await response.Content.ReadAsStringAsync());
    }
}
