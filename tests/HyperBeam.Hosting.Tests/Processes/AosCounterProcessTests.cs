using System.Net;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>
/// A legacy AO process end to end on a real node: its module (CI's counter, wasm/aos) uploaded to the node's store,
/// a process naming no execution device (so genesis-wasm@1.0) spawned and scheduled over HTTP, computed, and carried
/// over a node restart on the same data folder.
/// </summary>
public class AosCounterProcessTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private readonly AosCounterClient _client = new(signer.Wallet);

    private Message NewProcess(string moduleId) => _client.Signed(Message.Of(
        ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"), ("module", moduleId),
        ("nonce", Guid.NewGuid().ToString("N"))));

    [Fact]
    public async Task An_uploaded_module_computes_over_http_and_resumes_after_a_restart()
    {
        using var dataDir = new TempFolder();
        var pid = "";
        await using (var first = await TestNode.StartAsync(o => o with { DataDir = dataDir.Path }, _client.Writers))
        {
            var process = NewProcess(await _client.UploadAsync(first));
            pid = MessageIds.All(process);
            await ProcessHttp.PostOkAsync(first.Client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));
            for (var i = 0; i < 2; i++) await ProcessHttp.PostOkAsync(first.Client, "/~scheduler@1.0/schedule", _client.NewMessage(pid, "Count"));

            // Slot 0 is the process message itself, which counts too: slots 0..2 make 3.
            Assert.Equal("count 3", await ProcessHttp.GetTextOkAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/results/data"));
            Assert.Equal("Counted", await ProcessHttp.GetTextOkAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/results/outbox/1/action"));
            await ProcessHttp.PostOkAsync(first.Client, "/~scheduler@1.0/schedule", _client.NewMessage(pid, "Trap"));
            Assert.Equal("error", await ProcessHttp.GetTextOkAsync(first.Client, $"/{pid}~process@1.0/compute&slot=3/results/type"));
        }

        await using var second = await TestNode.StartAsync(o => o with { DataDir = dataDir.Path }, _client.Writers);
        await ProcessHttp.PostOkAsync(second.Client, "/~scheduler@1.0/schedule", _client.NewMessage(pid, "Count"));
        Assert.Equal("count 4", await ProcessHttp.GetTextOkAsync(second.Client, $"/{pid}~process@1.0/compute&slot=4/results/data"));
    }
}
