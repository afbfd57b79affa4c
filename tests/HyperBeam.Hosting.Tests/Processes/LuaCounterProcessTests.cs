using System.Globalization;
using System.Net;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>
/// A Lua process end to end on a real node: created and scheduled over HTTP by concurrent clients, computed slot by
/// slot by lua@5.3a, and carried over a node restart on the same data folder.
/// </summary>
public class LuaCounterProcessTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private const string Counter = """
        function compute(base, req)
          base.count = (base.count or 0) + 1
          base.last = req.body and req.body.n or "none"
          base.results = { outbox = { { target = "nobody", data = "count is " .. base.count } } }
          return base
        end
        """;

    private readonly ProcessHttp _http = new(signer.Wallet, "lua@5.3a", ("module", Counter));

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, Message message)
    {
        using var response = await client.SendAsync(HttpMessages.Request(HttpMethod.Post, "/~scheduler@1.0/schedule", message));
        return response.StatusCode;
    }

    private static async Task<string> GetTextAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    [Fact]
    public async Task A_lua_counter_computes_over_http_and_keeps_its_state_across_a_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-lua-node-" + Guid.NewGuid().ToString("N"));
        try
        {
            var process = _http.NewProcess();
            var pid = MessageIds.All(process);
            await using (var first = await TestNode.StartAsync(o => o with { DataDir = dataDir }))
            {
                Assert.Equal(HttpStatusCode.OK, await PostAsync(first.Client, Message.Of(("body", process))));
                var clients = Enumerable.Range(0, 3).Select(_ => new HttpClient { BaseAddress = first.Node.Url }).ToList();
                var statuses = await Task.WhenAll(clients.Select((client, i) => PostAsync(client, _http.NewMessage(pid, i + 1))));
                clients.ForEach(c => c.Dispose());
                Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

                // Slot 0 is the process message itself, which the process computes too: slots 0..2 make 3.
                Assert.Equal("3", await GetTextAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/count"));
                Assert.Equal("count is 3", await GetTextAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/results/outbox/1/data"));
                // A second read of a computed slot is served again (from the cached result).
                Assert.Equal("3", await GetTextAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/count"));
            }

            await using var second = await TestNode.StartAsync(o => o with { DataDir = dataDir });
            Assert.Equal("4", await GetTextAsync(second.Client, $"/{pid}~process@1.0/compute&slot=3/count"));
            var last = await GetTextAsync(second.Client, $"/{pid}~process@1.0/compute&slot=3/last");
            Assert.Contains(last, new[] { "1", "2", "3" });
            Assert.Equal("3", await GetTextAsync(second.Client, $"/{pid}~process@1.0/now/at-slot"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_runaway_lua_slot_is_an_error_result_and_the_node_keeps_serving()
    {
        await using var node = await TestNode.StartAsync();
        var process = new ProcessHttp(signer.Wallet, "lua@5.3a", ("module", "function compute(base, req) while true do end end")).NewProcess();
        var pid = MessageIds.All(process);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(node.Client, Message.Of(("body", process))));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(node.Client, _http.NewMessage(pid, 1)));

        using var response = await node.Client.GetAsync($"/{pid}~process@1.0/compute&slot=1/results/status");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.NotEqual("ok", body);
        Assert.Equal(int.Parse("1", CultureInfo.InvariantCulture), int.Parse(await GetTextAsync(node.Client, $"/{pid}~process@1.0/now/at-slot"), CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/~meta@1.0/info")).StatusCode);
    }
}
