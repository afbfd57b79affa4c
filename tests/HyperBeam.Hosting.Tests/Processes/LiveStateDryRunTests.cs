using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Storage.RemoteNode;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>
/// Issue 14's dry run on a real node (<c>/PID~process@1.0/as=execution/compute&amp;…</c>, what aoconnect's dryrun
/// sends): it evaluates on the process's live state — Lua globals set by earlier messages, an AOS module's memory —
/// and leaves that state, the schedule and the results of later slots as they were.
/// </summary>
public class LiveStateDryRunTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    /// <summary>Its state only in Lua globals: who was greeted last and how many greetings there were.</summary>
    private const string Greeter = """
        Greeting = "nobody"
        Seen = 0
        function compute(base, req)
          local msg = req.body or req
          if msg.action == "Greet" then
            Greeting = msg.name
            Seen = Seen + 1
          end
          base.results = { data = "hello " .. Greeting .. " (" .. Seen .. ")" }
          return base
        end
        """;

    private static readonly byte[] CounterModule = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter.wasm"));

    private Message Signed(params (string Key, object? Value)[] keys) =>
        HttpSigCommitments.Commit(Message.Of([.. keys, ("nonce", Guid.NewGuid().ToString("N"))]), signer.Wallet);

    private Task<string> DryRunAsync(TestNode node, string pid, string query) =>
        ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}~process@1.0/as=execution/compute&{query}/results/data");

    [Fact]
    public async Task A_dry_run_reads_lua_globals_set_by_earlier_messages_and_changes_nothing()
    {
        await using var node = await TestNode.StartAsync();
        var process = Signed(("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"),
            ("execution-device", "lua@5.3a"), ("module", Greeter));
        var pid = MessageIds.All(process);
        await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));
        foreach (var name in new[] { "alice", "bob" })
            await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Signed(("type", "Message"), ("target", pid), ("action", "Greet"), ("name", name)));
        Assert.Equal("hello bob (2)", await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}~process@1.0/compute&slot=2/results/data"));

        Assert.Equal("hello carol (3)", await DryRunAsync(node, pid, "action=Greet&name=carol"));
        Assert.Equal("hello bob (2)", await DryRunAsync(node, pid, "action=Info"));

        Assert.Equal("2", await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}/slot/current"));
        await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Signed(("type", "Message"), ("target", pid), ("action", "Greet"), ("name", "dave")));
        Assert.Equal("hello dave (3)", await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}~process@1.0/compute&slot=3/results/data"));
        Assert.Equal("hello bob (2)", await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}~process@1.0/compute&slot=2/results/data"));
    }

    [Fact]
    public async Task A_dry_run_of_an_aos_counter_reads_its_memory_and_changes_nothing()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("cache_writers", AoList.Of(AoBinary.FromString(signer.Wallet.Address))));
        using var client = new RemoteNodeClient(node.Node.Url);
        var module = (await client.WriteAsync(Message.Of(("type", "Module"), ("body", CounterModule)), null, signer.Wallet)).GetText("id")!;
        var process = Signed(("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"), ("module", module));
        var pid = MessageIds.All(process);
        await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));
        for (var i = 0; i < 2; i++)
            await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Signed(("type", "Message"), ("target", pid), ("action", "Count")));
        // Slot 0 (the process message) counts too.
        Assert.Equal("count 3", await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}~process@1.0/compute&slot=2/results/data"));

        Assert.Equal("count 4", await DryRunAsync(node, pid, "action=Count"));
        Assert.Equal("count 4", await DryRunAsync(node, pid, "action=Count"));

        Assert.Equal("2", await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}/slot/current"));
        await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Signed(("type", "Message"), ("target", pid), ("action", "Count")));
        Assert.Equal("count 4", await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}~process@1.0/compute&slot=3/results/data"));
    }
}
