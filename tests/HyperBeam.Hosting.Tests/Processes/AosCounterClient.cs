using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Storage.RemoteNode;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>What the AOS process tests do as a user of a node: upload CI's counter module (wasm/aos), sign messages to it.</summary>
internal sealed class AosCounterClient(Wallet wallet)
{
    private static readonly byte[] CounterModule = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter.wasm"));

    /// <summary>The node configuration that lets this client write to the node's store (the upload).</summary>
    public Func<Message, Message> Writers => node => node.Set("cache_writers", AoList.Of(AoBinary.FromString(wallet.Address)));

    public Message Signed(Message message) => HttpSigCommitments.Commit(message, wallet);

    public Message NewMessage(string processId, string action) => Signed(Message.Of(
        ("type", "Message"), ("target", processId), ("action", action), ("nonce", Guid.NewGuid().ToString("N"))));

    /// <summary>Uploads the counter module; its ID.</summary>
    public async Task<string> UploadAsync(TestNode node)
    {
        using var client = new RemoteNodeClient(node.Node.Url);
        var written = await client.WriteAsync(Message.Of(("type", "Module"), ("body", CounterModule)), null, wallet);
        return written.GetText("id")!;
    }
}
