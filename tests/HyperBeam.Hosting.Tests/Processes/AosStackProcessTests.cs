using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Storage.RemoteNode;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>
/// An AO process whose execution device is HyperBEAM's stack <c>[WASI@1.0, json-iface@1.0, wasm-64@1.0,
/// multipass@1.0]</c> (old process definitions spell <c>WASI@1.0</c> so) on a real node: its <c>image</c> (CI's
/// counter module, wasm/aos) uploaded, the process spawned and scheduled over HTTP and computed.
/// </summary>
public class AosStackProcessTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private static readonly byte[] CounterModule = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter.wasm"));

    private Func<Message, Message> Writers => node => node.Set("cache_writers", AoList.Of(AoBinary.FromString(signer.Wallet.Address)));

    private Message NewProcess(string imageId) => HttpSigCommitments.Commit(Message.Of(
        ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"), ("image", imageId),
        ("execution-device", "stack@1.0"), ("device-stack", AoList.Of("WASI@1.0", "json-iface@1.0", "wasm-64@1.0", "multipass@1.0")),
        ("output-prefix", "wasm"), ("passes", 2), ("nonce", Guid.NewGuid().ToString("N"))), signer.Wallet);

    private Message NewMessage(string processId, string action) => HttpSigCommitments.Commit(Message.Of(
        ("type", "Message"), ("target", processId), ("action", action), ("nonce", Guid.NewGuid().ToString("N"))), signer.Wallet);

    private async Task<string> UploadAsync(TestNode node)
    {
        using var client = new RemoteNodeClient(node.Node.Url);
        var written = await client.WriteAsync(Message.Of(("type", "Module"), ("body", CounterModule)), null, signer.Wallet);
        return written.GetText("id")!;
    }

    [Fact]
    public async Task A_process_on_the_wasi_json_iface_stack_computes_over_http_and_resumes_after_a_restart()
    {
        using var dataDir = new TempFolder();
        var pid = "";
        await using (var first = await TestNode.StartAsync(o => o with { DataDir = dataDir.Path }, Writers))
        {
            var process = NewProcess(await UploadAsync(first));
            pid = MessageIds.All(process);
            await ProcessHttp.PostOkAsync(first.Client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));
            for (var i = 0; i < 2; i++) await ProcessHttp.PostOkAsync(first.Client, "/~scheduler@1.0/schedule", NewMessage(pid, "Count"));

            // Slot 0 is the process message itself, which counts too: slots 0..2 make 3.
            Assert.Equal("count 3", await ProcessHttp.GetTextOkAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/results/data"));
            Assert.Equal("Counted", await ProcessHttp.GetTextOkAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/results/outbox/1/action"));
            Assert.Equal("3", await ProcessHttp.GetTextOkAsync(first.Client, $"/{pid}~process@1.0/compute&slot=2/results/outbox/1/count"));
        }

        // wasm-64@1.0 keeps the memory outside the message: the restarted node rewinds to what it can continue from.
        await using var second = await TestNode.StartAsync(o => o with { DataDir = dataDir.Path }, Writers);
        await ProcessHttp.PostOkAsync(second.Client, "/~scheduler@1.0/schedule", NewMessage(pid, "Count"));
        Assert.Equal("count 4", await ProcessHttp.GetTextOkAsync(second.Client, $"/{pid}~process@1.0/compute&slot=3/results/data"));
    }
}
