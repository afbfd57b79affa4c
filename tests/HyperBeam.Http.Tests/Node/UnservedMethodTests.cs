using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// Methods the node does not serve (CONNECT, TRACE, made-up tokens) get 405 with an <c>Allow</c> header naming the
/// ones it does, written on a raw socket because HttpClient will not send a CONNECT to an origin server.
/// </summary>
public sealed class UnservedMethodTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Theory]
    [InlineData("CONNECT", "example.com:443")]
    [InlineData("CONNECT", "127.0.0.1:1")]
    [InlineData("TRACE", "/~meta@1.0/info")]
    [InlineData("BREW", "/~meta@1.0/info")]
    [InlineData("PROPFIND", "/")]
    public async Task An_unserved_method_is_405_with_the_served_methods_in_Allow(string method, string target)
    {
        // A CONNECT names its authority in the request line, and Host must repeat it (Kestrel answers 400 otherwise).
        var host = target.StartsWith('/') ? "127.0.0.1" : target;
        var (statusLine, headers) = await SendRawAsync($"{method} {target} HTTP/1.1\r\nHost: {host}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 405", statusLine);
        var allow = headers["allow"].Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("GET", allow);
        Assert.Contains("POST", allow);
        Assert.DoesNotContain(method, allow);

        using var healthy = await fixture.Client.GetAsync("/~meta@1.0/info");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task Every_method_named_in_Allow_is_served()
    {
        var (_, headers) = await SendRawAsync("TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        foreach (var method in headers["allow"].Split(',', StringSplitOptions.TrimEntries))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/~message@1.0&a=1/a");
            using var response = await fixture.Client.SendAsync(request);
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{method} got {(int)response.StatusCode}");
        }
    }

    /// <summary>Writes the request bytes and reads the reply's status line and headers (lower-cased names).</summary>
    private async Task<(string StatusLine, Dictionary<string, string> Headers)> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Node.Node.Url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n"))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0) break;
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var lines = head.ToString().Split("\r\n\r\n")[0].Split("\r\n");
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim());
        return (lines[0], headers);
    }
}
