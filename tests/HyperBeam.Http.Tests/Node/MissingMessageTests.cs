using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HyperBeam.Core.Ids;
using HyperBeam.Storage;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// An ID in the path that the node cannot load: 404 when every store answered that it has no such message, 503 only
/// when a store could not answer (the message may exist; asking again later may find it).
/// </summary>
public sealed class MissingMessageTests
{
    [Fact]
    public async Task An_ID_that_no_store_holds_is_404()
    {
        await using var node = await TestNode.StartAsync();
        var id = RandomId();
        using var response = await node.Client.GetAsync($"/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id, await response.Content.ReadAsStringAsync());
        using var withKey = await node.Client.GetAsync($"/{id}/greeting");
        Assert.Equal(HttpStatusCode.NotFound, withKey.StatusCode);
    }

    [Fact]
    public async Task An_ID_that_no_reachable_store_holds_behind_an_unreachable_store_is_503()
    {
        var closedPort = ClosedLoopbackPort();
        await using var node = await TestNode.StartAsync(configure: o => o with
        {
            Stores =
            [
                new StoreOptions { Type = StoreTypes.Memory },
                new StoreOptions { Type = StoreTypes.RemoteNode, Url = $"http://127.0.0.1:{closedPort}/", Timeout = TimeSpan.FromSeconds(10) },
            ],
        });
        using var response = await node.Client.GetAsync($"/{RandomId()}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("could not be reached", await response.Content.ReadAsStringAsync());
    }

    private static string RandomId() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>A loopback port that was just free: connecting to it is refused at once.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
