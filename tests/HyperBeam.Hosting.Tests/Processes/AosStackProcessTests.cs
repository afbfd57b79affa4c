using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>
/// An AO process whose execution device is HyperBEAM's stack <c>[WASI@1.0, json-iface@1.0, wasm-64@1.0,
/// multipass@1.0]</c> (old process definitions spell <c>WASI@1.0</c> so) on a real node: its <c>image</c> (CI's
/// counter module, wasm/aos) uploaded, the process spawned and scheduled over HTTP, computed, and carried over a node
/// restart on the same data folder.
/// </summary>
public class AosStackProcessTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private readonly AosCounterClient _client = new(signer.Wallet);

    private Message NewProcess(string imageId) => _client.Signed(Message.Of(
        ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"), ("image", imageId),
        ("execution-device", "stack@1.0"), ("device-stack", AoList.Of("WASI@1.0", "json-iface@1.0", "wasm-64@1.0", "multipass@1.0")),
        ("output-prefix", "wasm"), ("passes", 2), ("nonce", Guid.NewGuid().ToString("N"))));

    [Fact]
    public async Task A_process_on_the_wasi_json_iface_stack_computes_over_http_and_resumes_after_a_restart()
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
            Assert.Equal("3", await ProcessHttp.GetTextOkAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/results/outbox/1/count"));
        }

        // wasm-64@1.0 keeps the memory outside the message: the restarted node rewinds to what it can continue from.
        await using var second = await TestNode.StartAsync(o => o with { DataDir = dataDir.Path }, _client.Writers);
        await ProcessHttp.PostOkAsync(second.Client, "/~scheduler@1.0/schedule", _client.NewMessage(pid, "Count"));
        Assert.Equal("count 4", await ProcessHttp.GetTextOkAsync(second.Client, $"/{pid}~process@1.0/compute&slot=3/results/data"));
    }
}
