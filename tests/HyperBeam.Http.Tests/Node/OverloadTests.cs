using System.Net;
using System.Net.Sockets;
using HyperBeam.Actors.Protocol;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

public class OverloadTests
{
    [Fact]
    public async Task A_node_with_a_full_queue_answers_503_with_retry_after_and_recovers()
    {
        // A peer that accepts connections and never answers keeps a relayed request busy.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var peer = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        await using var node = await TestNode.StartAsync(o => o with
        {
            Queue = new ResolveQueueOptions { Parallelism = 1, Capacity = 1, Timeout = TimeSpan.FromMinutes(1) },
        });
        using var stuck = new CancellationTokenSource();
        Task<HttpResponseMessage> Send(int i)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/~relay@1.0/call");
            request.Headers.Add("relay-path", $"{peer}/hang/{i}");
            return node.Client.SendAsync(request, stuck.Token);
        }

        // The first request runs (the peer sees its connection), the next takes the one queue slot, and whichever
        // of the two later requests is offered last finds the queue full.
        var running = Send(0);
        using var connection = await silent.AcceptTcpClientAsync();
        var second = Send(1);
        var third = Send(2);
        var first = await Task.WhenAny(second, third);
        using var refused = await first;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.False(running.IsCompleted);

        // Cut the peer off: the stuck relay fails, the queue drains, and the node serves again.
        await stuck.CancelAsync();
        connection.Close();
        silent.Stop();
        await AssertServesAgainAsync(node);
    }

    private static async Task AssertServesAgainAsync(TestNode node)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            using var response = await node.Client.GetAsync($"/~message@1.0&n={attempt}/n");
            if (response.StatusCode == HttpStatusCode.OK) return;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        Assert.Fail("the node did not recover after the overload");
    }
}
