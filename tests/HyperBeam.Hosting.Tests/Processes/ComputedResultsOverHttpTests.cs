using System.Globalization;
using System.Net;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Hosting.Node;
using HyperBeam.Storage;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>
/// Every computed slot's state is kept in the node's store, so a slot below the current one is still readable, on the
/// same node and after a restart on the same data folder (SQLite journal, file-system store).
/// </summary>
public class ComputedResultsOverHttpTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private const int Slots = 5;

    private const string Counter = """
        function compute(base, req)
          base.count = (base.count or 0) + 1
          base.last = req.body and req.body.n or "none"
          return base
        end
        """;

    private readonly ProcessHttp _http = new(signer.Wallet, "lua@5.3a", ("module", Counter));

    private static NodeOptions OnFolder(NodeOptions options, string dataDir) => options with
    {
        DataDir = dataDir,
        Stores = [new StoreOptions { Type = StoreTypes.FileSystem, Path = "store" }],
    };

    private static async Task<string> GetTextAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Slot 0 is the process itself (count 1); slot k carries the message numbered k (count k + 1).</summary>
    private static async Task AssertSlotAsync(HttpClient client, string pid, int slot)
    {
        var at = $"/{pid}~process@1.0/compute&slot={slot}";
        Assert.Equal((slot + 1).ToString(CultureInfo.InvariantCulture), await GetTextAsync(client, at + "/count"));
        Assert.Equal(slot.ToString(CultureInfo.InvariantCulture), await GetTextAsync(client, at + "/last"));
    }

    [Fact]
    public async Task Every_computed_slot_is_readable_after_a_later_slot_and_after_a_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-results-node-" + Guid.NewGuid().ToString("N"));
        try
        {
            var process = _http.NewProcess();
            var pid = MessageIds.All(process);
            await using (var first = await TestNode.StartAsync(o => OnFolder(o, dataDir)))
            {
                await ProcessHttp.PostOkAsync(first.Client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));
                // One at a time, so slot k holds the message numbered k.
                for (var n = 1; n <= Slots; n++)
                    await ProcessHttp.PostOkAsync(first.Client, "/~scheduler@1.0/schedule", _http.NewMessage(pid, n));

                await AssertSlotAsync(first.Client, pid, Slots);
                for (var slot = 1; slot <= Slots; slot++) await AssertSlotAsync(first.Client, pid, slot);
            }

            await using var second = await TestNode.StartAsync(o => OnFolder(o, dataDir));
            // Slot N first: the restarted process reaches it from the stored results, so every lower slot read after
            // it can only be answered from the store (a process does not rewind).
            await AssertSlotAsync(second.Client, pid, Slots);
            for (var slot = 1; slot <= Slots; slot++) await AssertSlotAsync(second.Client, pid, slot);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
