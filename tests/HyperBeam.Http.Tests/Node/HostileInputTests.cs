using System.Net;
using System.Net.Sockets;
using System.Text;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>Garbage, oversized and malformed requests: each gets a clear 4xx and the node keeps serving.</summary>
public class HostileInputTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static readonly string[] Fragments =
    [
        "/", "~", "@", "&", "=", "+", "(", ")", "?", ".", "%", "%2F", "%ZZ", "..", "priv", "1.", "+integer", "+resolve",
        "~meta@1.0", "~message@1.0", "~nope@9", "info", "a", "b", "(/x", "x)", "&&", "==", "+map=((", "%00", "\u00ff",
    ];

    [Fact]
    public async Task Five_hundred_garbage_requests_all_get_client_errors_and_the_node_keeps_serving()
    {
        var random = new Random(8734);
        var codecs = new[] { "httpsig@1.0", "json@1.0", "flat@1.0", "ans104@1.0", "nonsense@0" };
        for (var i = 0; i < 500; i++)
        {
            var path = new StringBuilder("/");
            var parts = random.Next(1, 12);
            for (var p = 0; p < parts; p++) path.Append(Fragments[random.Next(Fragments.Length)]);
            var url = new Uri(fixture.Node.Node.Url.GetLeftPart(UriPartial.Authority) + Escape(path.ToString()));
            using var request = new HttpRequestMessage(random.Next(3) == 0 ? HttpMethod.Post : HttpMethod.Get, url);
            if (random.Next(2) == 0)
            {
                var body = new byte[random.Next(0, 300)];
                random.NextBytes(body);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.TryAddWithoutValidation("codec-device", codecs[random.Next(codecs.Length)]);
                if (random.Next(3) == 0) request.Content.Headers.TryAddWithoutValidation("content-type", "multipart/form-data; boundary=\"x\"");
            }
            if (random.Next(4) == 0) request.Headers.TryAddWithoutValidation("signature", "sig=:AAAA:");
            using var response = await fixture.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 200 and < 500 || status == 503, $"'{request.RequestUri}' got {status}: {await response.Content.ReadAsStringAsync()}");
        }
        using var healthy = await fixture.Client.GetAsync("/~meta@1.0/info");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var node = await TestNode.StartAsync(o => o with { Limits = o.Limits with { MaxBodyBytes = 1024 } });
        // Expect: 100-continue lets the client hear the refusal before it uploads the body.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/~message@1.0/body") { Content = new ByteArrayContent(new byte[64 * 1024]) };
        request.Headers.ExpectContinue = true;
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1024", await response.Content.ReadAsStringAsync());
        using var fine = await node.Client.PostAsync("/~message@1.0/body", new ByteArrayContent(new byte[100]));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Too_many_headers_are_refused_with_431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/~meta@1.0/info");
        for (var i = 0; i < 150; i++) request.Headers.TryAddWithoutValidation($"x-h{i}", "v");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_request_line_is_refused_and_the_connection_closed()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Node.Node.Url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GARBAGE \u0001 HTTP/9\r\n\r\n"u8.ToArray());
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task A_signed_looking_request_with_a_broken_signature_is_a_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/~message@1.0&a=1/a");
        request.Headers.TryAddWithoutValidation("signature", "sig=:AAAA:");
        request.Headers.TryAddWithoutValidation("signature-input", "sig=(\"a\");alg=\"rsa-pss-sha512\";keyid=\"AQAB\"");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Escape(string path) =>
        string.Concat(path.Select(c => c is < ' ' or > '~' or ' ' or '#' ? Uri.EscapeDataString(c.ToString()) : c.ToString()));
}
