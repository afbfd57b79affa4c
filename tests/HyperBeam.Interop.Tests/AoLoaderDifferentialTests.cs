using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// genesis-wasm@1.0 beside the real <c>@permaweb/ao-loader</c> 0.0.49 (scripts/aoloader-diff.mjs): CI's counter
/// module in its emscripten-glue build (wasm/aos, format <c>wasm32-unknown-emscripten2</c>) uploaded to a real node,
/// spawned and messaged with aoconnect, and run by ao-loader on the same messages as the legacy compute unit builds
/// them from the signed data items. Message by message, the node's results must be what ao-loader returned. One run
/// serves every test here.
/// </summary>
[Collection(NodeCollection.Name)]
public class AoLoaderDifferentialTests(NodeFixture node)
{
    public const string Format = "wasm32-unknown-emscripten2";

    private static readonly byte[] Module = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter-emscripten2.wasm"));

    /// <summary>The messages after the process's own (slot 0), one per action the counter knows, in this order.</summary>
    private static readonly (string Action, JsonArray Tags, string Data)[] Steps =
    [
        ("Count", Tags(("Action", "Count"), ("Custom-Tag", "Value One")), "first"),
        ("Echo", Tags(("Action", "Echo"), ("SDK", "differential"), ("X-Reference", "7"), ("lower-case", "v"), ("Zeta", "last")),
            "He said \"hi\" — ünïcödé <&>"),
        ("Spawn", Tags(("Action", "Spawn"), ("Name", "child"), ("App-Name", "Counter")), "child data"),
        ("Fail", Tags(("Action", "Fail")), "no"),
        ("Trap", Tags(("Action", "Trap")), "boom"),
        ("Count", Tags(("Action", "Count")), "after the trap"),
        ("Reserve", Tags(("Action", "Reserve"), ("Bytes", "4194304")), "grow"),
    ];

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static JsonElement? _run;

    private async Task<JsonElement> RunAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_run is { } done) return done;
            await using var hb = await TestNode.StartAsync();
            var input = new JsonObject
            {
                ["url"] = hb.Node.Url.ToString(),
                ["wasm"] = Json.B64(Module),
                ["format"] = Format,
                ["steps"] = new JsonArray(Steps.Select(s => (JsonNode)new JsonObject { ["tags"] = s.Tags.DeepClone(), ["data"] = s.Data }).ToArray()),
            };
            _run = await node.RunAsync("aoloader-diff.mjs", input, TimeSpan.FromMinutes(3));
            return _run.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<JsonElement[]> StepsAsync() => (await RunAsync()).GetProperty("steps").EnumerateArray().ToArray();

    private async Task<JsonElement> StepAsync(string action, int occurrence = 0)
    {
        var steps = await StepsAsync();
        var index = Steps.Select((s, i) => (s.Action, i)).Where(s => s.Action == action).Skip(occurrence).First().i;
        return steps[index + 1];
    }

    [Fact]
    public async Task Every_message_gives_the_same_Output_Messages_Spawns_Assignments_and_Error_as_ao_loader()
    {
        var steps = await StepsAsync();

        Assert.Equal(Steps.Length + 1, steps.Length);
        foreach (var step in steps.Where(s => !s.GetProperty("theirs").TryGetProperty("thrown", out _)))
        {
            var slot = step.GetProperty("slot").GetInt32();
            var theirs = JsonNode.Parse(step.GetProperty("theirs").GetProperty("result").GetRawText())!.AsObject();
            var ours = Ours(step);
            Assert.True(ours is not null, $"slot {slot}: the node computed no JSON result: {step.GetProperty("ours")}");
            foreach (var key in new[] { "Output", "Messages", "Spawns", "Assignments", "Error" })
                Assert.True(JsonNode.DeepEquals(theirs[key], ours[key]),
                    $"slot {slot}, {key}: ao-loader {theirs[key]?.ToJsonString() ?? "(none)"}, node {ours[key]?.ToJsonString() ?? "(none)"}");
        }
    }

    [Fact]
    public async Task Echoed_tags_are_the_data_items_tags_with_their_names_and_order()
    {
        var step = await StepAsync("Echo");
        var echoed = Ours(step)!["Messages"]![0]!["Tags"]!;

        // What aoconnect signed: the caller's tags in order, then its own (Data-Protocol, Type, Variant among them).
        var sent = echoed.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["Action", "SDK", "X-Reference", "lower-case", "Zeta"], sent.Take(5));
        Assert.Contains("Data-Protocol", sent);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(step.GetProperty("theirs").GetProperty("result").GetProperty("Messages")[0].GetProperty("Tags").GetRawText()), echoed));
        Assert.Equal(Steps[1].Data, Ours(step)!["Output"]!["data"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_spawn_carries_the_id_owner_and_anchor_the_compute_unit_gives_the_message()
    {
        var run = await RunAsync();
        var step = await StepAsync("Spawn");
        var spawn = Ours(step)!["Spawns"]![0]!;

        Assert.Equal(step.GetProperty("id").GetString(), spawn["From-Message"]!.GetValue<string>());
        Assert.Equal(run.GetProperty("address").GetString(), spawn["Owner"]!.GetValue<string>());
        Assert.Equal("child data", spawn["Data"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_memory_grows_to_the_same_size_here_as_under_ao_loader()
    {
        var steps = await StepsAsync();

        foreach (var step in steps.Where(s => s.GetProperty("theirs").TryGetProperty("memory", out _)))
            Assert.Equal(step.GetProperty("theirs").GetProperty("memory").GetInt64(), step.GetProperty("ours").GetProperty("memory").GetInt64());
        var reserved = await StepAsync("Reserve");
        Assert.True(reserved.GetProperty("ours").GetProperty("memory").GetInt64() > 4 << 20);
    }

    [Fact]
    public async Task An_error_the_module_reports_is_the_results_error_here_as_there()
    {
        var step = await StepAsync("Fail");

        Assert.Equal("failed on request", step.GetProperty("theirs").GetProperty("result").GetProperty("Error").GetString());
        Assert.Equal("failed on request", step.GetProperty("ours").GetProperty("error").GetString());
        Assert.Equal("failed on request", step.GetProperty("ours").GetProperty("data").GetString());
    }

    [Fact]
    public async Task A_trap_fails_the_message_in_both_and_the_next_message_counts_on_from_the_same_state()
    {
        var trap = await StepAsync("Trap");
        var after = await StepAsync("Count", 1);

        Assert.True(trap.GetProperty("theirs").TryGetProperty("thrown", out _), trap.GetProperty("theirs").ToString());
        Assert.Equal("error", trap.GetProperty("ours").GetProperty("type").GetString());
        // Slot 0 and the first Count made 2; the Echo, Spawn, Fail and Trap did not count.
        Assert.Equal("count 3", after.GetProperty("theirs").GetProperty("result").GetProperty("Output").GetProperty("data").GetString());
        Assert.Equal("count 3", after.GetProperty("ours").GetProperty("data").GetString());
    }

    [Fact]
    public async Task The_results_data_and_outbox_carry_what_ao_loader_returned()
    {
        foreach (var step in await StepsAsync())
        {
            if (!step.GetProperty("theirs").TryGetProperty("result", out var theirs) || theirs.TryGetProperty("Error", out _)) continue;
            var ours = step.GetProperty("ours");
            Assert.Equal(theirs.GetProperty("Output").GetProperty("data").GetString(), ours.GetProperty("data").GetString());
            var messages = theirs.GetProperty("Messages").EnumerateArray().ToArray();
            var outbox = ours.GetProperty("outbox");
            for (var i = 0; i < messages.Length; i++)
            {
                var sent = outbox.GetProperty((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(messages[i].GetProperty("Target").GetString(), sent.GetProperty("target").GetString());
                Assert.Equal(messages[i].GetProperty("Data").GetString(), sent.GetProperty("data").GetString());
                foreach (var tag in messages[i].GetProperty("Tags").EnumerateArray())
                    Assert.Equal(tag.GetProperty("value").GetString(), sent.GetProperty(tag.GetProperty("name").GetString()!.ToLowerInvariant()).GetString());
            }
        }
    }

    /// <summary>The node's result as the module wrote it (its <c>results/json</c>), or null when it computed none.</summary>
    private static JsonObject? Ours(JsonElement step) =>
        step.GetProperty("ours").GetProperty("json") is { ValueKind: JsonValueKind.String } json ? JsonNode.Parse(json.GetString()!)!.AsObject() : null;

    private static JsonArray Tags(params (string Name, string Value)[] tags) =>
        new(tags.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["value"] = t.Value }).ToArray());
}
