using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Aos;

namespace HyperBeam.Wasm.Tests.Stack;

/// <summary>
/// The HyperBEAM stack <c>[wasi@1.0, json-iface@1.0, wasm-64@1.0, multipass@1.0]</c> and <c>genesis-wasm@1.0</c>
/// give the same results for the same module and messages: both are built on one JSON interface.
/// </summary>
public sealed class AosStackEqualityTests : IDisposable
{
    private static readonly string[] Compared = ["type", "data", "error", "json", "outbox"];

    private readonly AosStackProcess _process = new();

    public static TheoryData<string> Modules => new() { "aos-counter.wasm", "aos-counter64.wasm" };

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task The_stack_and_genesis_wasm_give_the_same_results_message_by_message(string module)
    {
        await _process.SpawnAsync(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", module)));
        var sent = new[] { "Count", "Echo", "Fail", "Count", "Echo" };
        foreach (var action in sent)
        {
            var (genesis, stacked) = await _process.SendAsync(action, ("data-protocol", "ao"), ("quantity", 7));
            foreach (var key in Compared) Assert.True(Equals(genesis.Get(key), stacked.Get(key)), $"{action}: results/{key} differ: {genesis.Get(key)} vs {stacked.Get(key)}");
        }
        var (last, _) = await _process.SendAsync("Count");
        Assert.Equal("count 3", last.GetText("data"));
        Assert.Equal("count 3", _process.Stacked.GetMessage("results")!.GetText("data"));
    }

    [Fact]
    public async Task The_stack_answers_the_count_and_the_reply_as_genesis_wasm_does()
    {
        await _process.SpawnAsync(AosTestProcess.CounterModule);
        await _process.SendAsync("Count");
        var (_, stacked) = await _process.SendAsync("Count");
        Assert.Equal("count 2", stacked.GetText("data"));
        var reply = stacked.GetMessage("outbox")!.GetMessage("1")!;
        Assert.Equal("sender-process-id", reply.GetText("target"));
        Assert.Equal("Counted", reply.GetText("action"));
        Assert.Equal(_process.Stacked.GetText("image"), reply.GetText("from-image"));
        // What wasm-64@1.0 returned (the address of the answer) stays beside the JSON interface's results.
        Assert.IsType<AoList>(stacked.GetMessage("wasm")!.Get("output"));
        // The addresses of the two strings are not kept in the state: the strings were freed after the call.
        Assert.Null(_process.Stacked.Get("parameters"));
    }

    public void Dispose() => _process.Dispose();
}
