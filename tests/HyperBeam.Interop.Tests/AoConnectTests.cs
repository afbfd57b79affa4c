using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// The real <c>@permaweb/aoconnect</c> 0.0.98 in mainnet mode against a real node (scripts/aoconnect.mjs): a Lua module
/// uploaded as a signed data item, a lua@5.3a process spawned on it by ID, messaged, read back with result, results and
/// dryrun, a plain signed request, and the schedule through the legacy scheduler-unit calls with the node as the
/// process's scheduler. One run of the script serves every test here: each test reads one part of what it saw.
/// </summary>
[Collection(NodeCollection.Name)]
public class AoConnectTests(NodeFixture node)
{
    /// <summary>
    /// aoconnect's counter (<see cref="AoCounterModule"/>) that also keeps the last message's <c>Note</c> in a Lua
    /// global, which only the process's live VM holds: its Info (the dry run) reports both.
    /// </summary>
    private const string Counter = """
        Last = "none"
        function compute(base, req)
          local msg = req.body or req
          local count = base.count or 0
          if msg.action == "Info" then
            base.raw = { output = { data = "count is " .. count .. ", last " .. Last } }
            return base
          end
          count = count + 1
          base.count = count
          if msg.note then Last = msg.note end
          local out = { output = { data = "count " .. count } }
          base.results = { raw = out }
          base.raw = out
          return base
        end
        """;

    private static readonly string CounterWasm = Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter.wasm");

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static JsonElement? _run;

    private async Task<JsonElement> RunAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_run is { } done) return done;
            await using var hb = await TestNode.StartAsync();
            var input = new JsonObject { ["url"] = hb.Node.Url.ToString(), ["lua"] = Counter, ["wasm"] = CounterWasm };
            _run = await node.RunAsync("aoconnect.mjs", input, TimeSpan.FromMinutes(3));
            return _run.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    private static string Data(JsonElement result) => result.GetProperty("output").GetProperty("data").GetString()!;

    [Fact]
    public async Task An_uploaded_module_keeps_the_id_arbundles_gave_it_and_is_served_back_signed()
    {
        var run = await RunAsync();
        var upload = run.GetProperty("upload");
        var served = run.GetProperty("served");

        Assert.Equal(200, upload.GetProperty("status").GetInt32());
        Assert.Equal(upload.GetProperty("item_id").GetString(), upload.GetProperty("id").GetString());
        Assert.Equal(200, served.GetProperty("status").GetInt32());
        Assert.Equal(upload.GetProperty("item_id").GetString(), served.GetProperty("id").GetString());
        Assert.True(served.GetProperty("verifies").GetBoolean());
    }

    [Fact]
    public async Task Spawn_and_message_answer_the_process_id_and_consecutive_slots()
    {
        var run = await RunAsync();

        Assert.Equal(43, run.GetProperty("pid").GetString()!.Length);
        Assert.Equal(["1", "2", "3"], run.GetProperty("slots").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Result_and_results_read_what_each_slot_computed()
    {
        var run = await RunAsync();

        // Slot 0 (the process itself) counts 1: slot 1 counts 2, slot 2 counts 3.
        Assert.Equal("count 2", Data(run.GetProperty("result_first")));
        Assert.Equal("count 3", Data(run.GetProperty("result_second")));
        var edge = run.GetProperty("results").GetProperty("edges").EnumerateArray().Single();
        Assert.Equal("2", edge.GetProperty("cursor").GetString());
        Assert.Equal("count 3", Data(edge.GetProperty("node")));
    }

    [Fact]
    public async Task A_dryrun_answers_from_the_current_state_and_changes_nothing()
    {
        var run = await RunAsync();

        // The note of the second message lives only in the process's Lua VM: the dry run ran on it.
        Assert.Equal("count is 3, last note-2", Data(run.GetProperty("dryrun")));
        Assert.Equal("count 3", Data(run.GetProperty("result_after_dryrun")));
        // The next message counts on from 3: the dry run neither took a slot nor changed the count.
        Assert.Equal("3", run.GetProperty("slots")[2].GetString());
        Assert.Equal("count 4", Data(run.GetProperty("result_third")));
    }

    [Fact]
    public async Task A_signed_request_through_aoconnect_reads_the_process()
    {
        var run = await RunAsync();

        Assert.Equal(200, run.GetProperty("request").GetProperty("status").GetInt32());
        Assert.Equal("4", run.GetProperty("request").GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_node_as_scheduler_answers_get_messages_get_last_slot_and_get_message_by_id()
    {
        var run = await RunAsync();
        var messages = run.GetProperty("messages");

        Assert.Equal(4, messages.GetProperty("count").GetInt32());
        Assert.False(messages.GetProperty("has_next_page").GetBoolean());
        Assert.Equal(["0", "1", "2", "3"], messages.GetProperty("nonces").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([null, "Add", "Add", "Add"], messages.GetProperty("actions").EnumerateArray().Select(a => a.ValueKind == JsonValueKind.Null ? null : a.GetString()));
        Assert.Equal(run.GetProperty("pid").GetString(), messages.GetProperty("ids")[0].GetString());
        Assert.Equal("3", run.GetProperty("last_slot").GetString());
        Assert.Equal("1", run.GetProperty("message_by_id").GetProperty("nonce").GetString());
        Assert.Equal(messages.GetProperty("ids")[1].GetString(), run.GetProperty("message_by_id").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_wasm_module_on_genesis_wasm_spawns_computes_and_dry_runs_on_its_live_memory()
    {
        var wasm = (await RunAsync()).GetProperty("wasm");

        Assert.Equal(200, wasm.GetProperty("upload").GetProperty("status").GetInt32());
        Assert.Equal(wasm.GetProperty("upload").GetProperty("item_id").GetString(), wasm.GetProperty("upload").GetProperty("id").GetString());
        Assert.Equal(43, wasm.GetProperty("pid").GetString()!.Length);
        Assert.Equal(["1", "2", "3"], wasm.GetProperty("slots").EnumerateArray().Select(s => s.GetString()));
        // Slot 0 (the process itself) counts 1. aoconnect reads the results' `raw` (the module's JSON response, keys
        // lower-cased as every AO-Core key): what the user gets from result, results and dryrun.
        Assert.Equal("count 3", Data(wasm.GetProperty("result")));
        Assert.Equal("count 3", Data(wasm.GetProperty("results").GetProperty("edges").EnumerateArray().Last().GetProperty("node")));
        Assert.Equal("count 4", Data(wasm.GetProperty("dryrun")));
        Assert.Equal("Counted", wasm.GetProperty("result").GetProperty("messages").GetProperty("1").GetProperty("tags").GetProperty("1").GetProperty("value").GetString());
        Assert.Equal("count 3", wasm.GetProperty("result_body").GetProperty("data").GetString());
        Assert.Equal("count 3", wasm.GetProperty("results_body").GetProperty("data").GetString());
        Assert.Equal("count 4", wasm.GetProperty("dryrun_body").GetProperty("results").GetProperty("data").GetString());
        // The dry run counted on a copy of the memory: the next message counts 4 again.
        Assert.Equal("count 4", wasm.GetProperty("result_after_dryrun_body").GetProperty("data").GetString());
    }
}
