using System.Net;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

public class Http2Tests
{
    [Fact]
    public async Task The_h2c_port_speaks_http2_with_prior_knowledge()
    {
        await using var node = await TestNode.StartAsync(o => o with { Http2Port = 0 });
        Assert.NotNull(node.Node.Http2Url);
        using var client = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.GetAsync(new Uri(node.Node.Http2Url!, "/~message@1.0&x=h2/x"));
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("h2", await response.Content.ReadAsStringAsync());
    }
}
