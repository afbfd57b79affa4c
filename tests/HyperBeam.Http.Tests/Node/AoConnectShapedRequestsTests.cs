using System.Net;
using System.Text.Json;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// The requests aoconnect 0.0.98 makes in mainnet mode, built here as it builds them (signed ANS-104 items, options
/// as tags) and sent to a real node: spawn through <c>POST /push</c>, message through <c>/PID~process@1.0/push</c>,
/// <c>compute/results=N</c>, the <c>as=execution</c> dry run, and the legacy scheduler-unit reads.
/// (The real client runs against a node in HyperBeam.Interop.Tests' AoConnectTests.)
/// </summary>
public class AoConnectShapedRequestsTests(NodeFixture fixture, StrangerWallet signer) : IClassFixture<NodeFixture>, IClassFixture<StrangerWallet>
{
    private const string Counter = AoCounterModule.Source;

    private HttpClient Client => fixture.Client;

    private byte[] Item(params (string Key, object? Value)[] keys) =>
        Ans104Codec.Serialize(Ans104Codec.Commit(Message.Of([.. keys, ("nonce", Guid.NewGuid().ToString("N"))]), signer.Wallet));

    private Task<HttpResponseMessage> PostItemAsync(string path, byte[] item) =>
        Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, path, "ans104@1.0", item));

    private async Task<string> UploadModuleAsync(string source)
    {
        using var uploaded = await PostItemAsync("/~bundler@1.0/tx", Item(("content-type", "application/lua"), ("data", source)));
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        return uploaded.Headers.GetValues("id").Single();
    }

    private async Task<string> SpawnAsync(string module = Counter)
    {
        var item = Item(("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"), ("push-device", "push@1.0"),
            ("execution-device", "lua@5.3a"), ("module", await UploadModuleAsync(module)), ("type", "Process"), ("data-protocol", "ao"),
            ("variant", "ao.N.1"), ("signing-format", "ans104"), ("accept-bundle", "true"), ("accept-codec", "httpsig@1.0"), ("data", "1984"));
        using var spawned = await PostItemAsync("/push", item);
        Assert.True(spawned.StatusCode == HttpStatusCode.OK, await spawned.Content.ReadAsStringAsync());
        var pid = spawned.Headers.GetValues("process").Single();
        Assert.Equal(DataItem.Deserialize(item).Id, pid);
        return pid;
    }

    private byte[] MessageItem(string pid, string action) => Item(("target", pid), ("type", "Message"), ("action", action),
        ("data-protocol", "ao"), ("variant", "ao.N.1"), ("signing-format", "ans104"), ("require-codec", "application/json"), ("data", "1984"));

    private async Task<(long Slot, string Id)> MessageAsync(string pid, string action = "Add")
    {
        var item = MessageItem(pid, action);
        using var pushed = await PostItemAsync($"/{pid}~process@1.0/push", item);
        var text = await pushed.Content.ReadAsStringAsync();
        Assert.True(pushed.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", pushed.Content.Headers.ContentType!.MediaType);
        return (long.Parse(Json(text).GetProperty("slot").ToString(), System.Globalization.CultureInfo.InvariantCulture), DataItem.Deserialize(item).Id);
    }

    private async Task<JsonElement> PostJsonAsync(string path, string pid)
    {
        using var response = await PostItemAsync(path, Item(("target", pid), ("signing-format", "ans104"), ("require-codec", "application/json"), ("data", "1984")));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {text}");
        return Json(text);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Output(JsonElement raw) => raw.GetProperty("output").GetProperty("data").GetString()!;

    [Fact]
    public async Task A_process_posted_to_push_is_spawned_and_its_id_is_in_the_process_header()
    {
        var pid = await SpawnAsync();

        Assert.Equal("0", await Client.GetStringAsync($"/{pid}/slot/current"));
    }

    [Fact]
    public async Task A_message_posted_to_its_process_push_is_scheduled_computed_and_answered_as_json()
    {
        var pid = await SpawnAsync();

        var (first, _) = await MessageAsync(pid);
        var (second, _) = await MessageAsync(pid);

        Assert.Equal((1, 2), (first, second));
        Assert.Equal("3", await Client.GetStringAsync($"/{pid}~process@1.0/now/count"));
    }

    [Fact]
    public async Task Compute_results_reads_the_results_of_the_slot_or_message_it_names()
    {
        var pid = await SpawnAsync();
        var (slot, id) = await MessageAsync(pid);
        await MessageAsync(pid);

        var bySlot = await PostJsonAsync($"/{pid}~process@1.0/compute/results={slot}", pid);
        var byId = await PostJsonAsync($"/{pid}~process@1.0/compute/results={id}", pid);
        var latest = await PostJsonAsync($"/{pid}/compute/results=2", pid);

        Assert.Equal("count 2", Output(bySlot.GetProperty("raw")));
        Assert.Equal("count 2", Output(byId.GetProperty("raw")));
        Assert.Equal("count 3", Output(latest.GetProperty("raw")));
    }

    [Fact]
    public async Task A_dry_run_as_execution_answers_from_the_current_state_and_schedules_nothing()
    {
        var pid = await SpawnAsync();
        await MessageAsync(pid);

        var dry = await PostJsonAsync($"/{pid}~process@1.0/as=execution/compute&action=Info", pid);

        Assert.Equal("count is 2", Output(dry.GetProperty("raw")));
        Assert.Equal("1", await Client.GetStringAsync($"/{pid}/slot/current"));
        Assert.Equal("2", await Client.GetStringAsync($"/{pid}~process@1.0/now/count"));
    }

    /// <summary>A process of the global counter module with two messages computed: its Lua global is at 3.</summary>
    private async Task<string> SpawnGlobalCounterAtThreeAsync()
    {
        var pid = await SpawnAsync(AoCounterModule.GlobalSource);
        await MessageAsync(pid);
        await MessageAsync(pid);
        Assert.Equal("count 3", Output((await PostJsonAsync($"/{pid}/compute/results=2", pid)).GetProperty("raw")));
        return pid;
    }

    [Fact]
    public async Task Dry_runs_whose_handler_changes_a_lua_global_leave_nothing_a_later_dry_run_or_message_sees()
    {
        var pid = await SpawnGlobalCounterAtThreeAsync();

        var first = Output((await PostJsonAsync($"/{pid}~process@1.0/as=execution/compute&action=Add", pid)).GetProperty("raw"));
        var second = Output((await PostJsonAsync($"/{pid}~process@1.0/as=execution/compute&action=Add", pid)).GetProperty("raw"));
        Assert.Equal(first, second);

        var (slot, _) = await MessageAsync(pid);
        Assert.Equal("count 4", Output((await PostJsonAsync($"/{pid}/compute/results={slot}", pid)).GetProperty("raw")));
    }

    [Fact]
    public async Task Two_processes_spawned_from_the_same_module_keep_their_own_lua_globals()
    {
        var first = await SpawnGlobalCounterAtThreeAsync();

        var second = await SpawnAsync(AoCounterModule.GlobalSource);
        var (slot, _) = await MessageAsync(second);
        Assert.Equal("count 2", Output((await PostJsonAsync($"/{second}/compute/results={slot}", second)).GetProperty("raw")));
    }

    [Fact]
    public async Task The_legacy_scheduler_unit_reads_list_the_schedule_with_nonces_in_aos2_json()
    {
        var pid = await SpawnAsync();
        var (_, id) = await MessageAsync(pid);
        var future = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();

        var page = Json(await Client.GetStringAsync($"/{pid}?from=0&to={future}&limit=10"));
        var last = Json(await Client.GetStringAsync($"/{pid}?process-id={pid}&limit=100&from={DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds()}"));
        var one = Json(await Client.GetStringAsync($"/{id}?process-id={pid}"));
        var none = Json(await Client.GetStringAsync($"/{pid}?from={future}"));

        Assert.Equal(["0", "1"], page.GetProperty("edges").EnumerateArray().Select(Nonce));
        Assert.Equal([pid, id], page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("message").GetProperty("id").GetString()));
        Assert.False(page.GetProperty("page_info").GetProperty("has_next_page").GetBoolean());
        Assert.Equal("1", Nonce(last.GetProperty("edges").EnumerateArray().Last()));
        Assert.Equal("1", Tag(one.GetProperty("assignment"), "Nonce"));
        Assert.Equal("Add", Tag(one.GetProperty("message"), "action"));
        Assert.Empty(none.GetProperty("edges").EnumerateArray());
    }

    [Fact]
    public async Task A_legacy_read_with_a_limit_says_there_is_a_next_page()
    {
        var pid = await SpawnAsync();
        await MessageAsync(pid);

        var page = Json(await Client.GetStringAsync($"/{pid}?from=0&limit=1"));

        Assert.Equal(["0"], page.GetProperty("edges").EnumerateArray().Select(Nonce));
        Assert.True(page.GetProperty("page_info").GetProperty("has_next_page").GetBoolean());
    }

    private static string? Nonce(JsonElement edge) => Tag(edge.GetProperty("node").GetProperty("assignment"), "Nonce");

    private static string? Tag(JsonElement message, string name) =>
        message.GetProperty("tags").EnumerateArray().FirstOrDefault(t => t.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } tag
            ? tag.GetProperty("value").GetString()
            : null;
}
