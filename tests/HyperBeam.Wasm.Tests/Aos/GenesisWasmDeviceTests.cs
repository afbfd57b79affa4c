using System.Text.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests.Aos;

public sealed class GenesisWasmDeviceTests : IDisposable
{
    private static readonly AosOptions Tight = new()
    {
        Host = new EmscriptenOptions { FuelPerCall = 200_000_000, MaxMemoryBytes = 16L << 20, WallTimeLimit = TimeSpan.FromSeconds(20) },
    };

    private readonly AosTestProcess _process = new(Tight);

    [Fact]
    public async Task A_counter_process_counts_and_replies_to_its_sender_through_the_outbox()
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        Assert.Equal("count 1", (await _process.SendAsync("Count")).GetText("data"));
        var results = await _process.SendAsync("Count");
        Assert.Equal("ok", results.GetText("type"));
        Assert.Equal("count 2", results.GetText("data"));
        var reply = results.GetMessage("outbox")!.GetMessage("1")!;
        Assert.Equal("sender-process-id", reply.GetText("target"));
        Assert.Equal("Counted", reply.GetText("action"));
        Assert.Equal("2", reply.GetText("count"));
        Assert.Equal("2", reply.GetText("data"));
        Assert.Equal(_process.State.GetMessage("process")!.GetText("module"), reply.GetText("from-image"));
        using var json = JsonDocument.Parse(results.GetText("json")!);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("Spawns").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("Assignments").ValueKind);
    }

    [Fact]
    public async Task The_message_reaches_handle_as_the_json_interface_shapes_it()
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        var results = await _process.SendAsync("Echo", ("data-protocol", "ao"), ("quantity", 7));
        Assert.Equal("hello Echo", results.GetText("data"));
        var echoed = results.GetMessage("outbox")!.GetMessage("1")!;
        // Tags come as {name, value} with header-case names; numbers as text.
        Assert.Equal("Echo", echoed.GetText("action"));
        Assert.Equal("ao", echoed.GetText("data-protocol"));
        Assert.Equal("7", echoed.GetText("quantity"));
        // The node stamps what a process sends with the process, whatever the module wrote.
        Assert.NotEqual("sender-process-id", echoed.GetText("from-process"));
        using var json = JsonDocument.Parse(results.GetText("json")!);
        var tags = json.RootElement.GetProperty("Messages")[0].GetProperty("Tags").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("Data-Protocol", tags);
        Assert.Contains("From-Process", tags);
    }

    [Fact]
    public async Task An_error_the_module_reports_is_the_slots_error_and_the_process_goes_on()
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        await _process.SendAsync("Count");
        var failed = await _process.SendAsync("Fail");
        Assert.Equal("failed on request", failed.GetText("error"));
        Assert.Empty(failed.GetMessage("outbox")!);
        Assert.Equal("count 2", (await _process.SendAsync("Count")).GetText("data"));
    }

    [Theory]
    [InlineData("Trap")]
    [InlineData("Loop")]
    [InlineData("Grow")]
    public async Task A_hostile_message_is_an_error_result_and_the_process_keeps_its_state(string action)
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        await _process.SendAsync("Count");
        var failed = await _process.SendAsync(action);
        Assert.Equal("error", failed.GetText("type"));
        Assert.False(string.IsNullOrEmpty(failed.GetText("error")));
        if (action == "Loop") Assert.Contains("fuel", failed.GetText("error"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("count 2", (await _process.SendAsync("Count")).GetText("data"));
    }

    [Fact]
    public async Task A_snapshot_restores_into_a_fresh_device_and_the_process_resumes()
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        for (var i = 0; i < 3; i++) await _process.SendAsync("Count");
        var snapshot = await _process.SnapshotAsync();
        Assert.True(snapshot.Get("body") is AoBinary compressed && compressed.Length < snapshot.Get("size") switch { AoInteger s => s.Value, _ => 0 });
        var restored = await _process.RestartFromAsync(snapshot);
        Assert.True(restored.IsOk, restored.ToString());
        Assert.Equal("count 4", (await _process.SendAsync("Count")).GetText("data"));
    }

    [Fact]
    public async Task A_computed_state_of_a_small_process_resumes_on_a_fresh_device_without_a_snapshot()
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        for (var i = 0; i < 2; i++) await _process.SendAsync("Count");
        Assert.NotNull(_process.State.GetMessage(GenesisWasmDevice.InlineStateKey));
        Assert.True((await _process.RestartFromAsync(null)).IsOk);
        Assert.Equal("count 3", (await _process.SendAsync("Count")).GetText("data"));
    }

    [Fact]
    public async Task A_process_larger_than_the_inline_limit_carries_its_memory_only_in_snapshots()
    {
        using var large = new AosTestProcess(Tight with { InlineStateBytes = 64 * 1024 });
        Assert.True((await large.SpawnAsync()).IsOk);
        await large.SendAsync("Count");
        Assert.Null(large.State.GetMessage(GenesisWasmDevice.InlineStateKey));
        var lost = await large.RestartFromAsync(null);
        Assert.True(lost.IsOk);
        var body = Message.Of(("action", "Count"));
        var result = await large.Resolver.ResolveAsync(large.State, Message.Of(("path", "compute"), ("slot", 2), ("body", body)));
        Assert.False(result.IsOk);
        Assert.Equal(new AoInteger(503), ((Message)result.Value).Get("status"));
    }

    [Fact]
    public async Task The_process_id_and_environment_fixed_at_init_hold_when_the_state_loses_the_process_commitments()
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        var processId = _process.State.GetText(GenesisWasmDevice.ProcessIdKey);
        Assert.Equal(HyperBeam.Core.Ids.MessageIds.All(_process.State.GetMessage("process")!), processId);
        Assert.Contains(processId!, _process.State.GetText(GenesisWasmDevice.EnvironmentKey));
        // What a store round trip can do to the nested process: another key, another unsigned ID.
        _process.Replace(_process.State.Set("process", _process.State.GetMessage("process")!.Set("stored", "yes")));
        var results = await _process.SendAsync("Count");
        Assert.Equal("count 1", results.GetText("data"));
        Assert.Equal(processId, results.GetMessage("outbox")!.GetMessage("1")!.GetText("from-process"));
    }

    [Fact]
    public async Task A_module_missing_from_the_store_is_not_found()
    {
        var result = await _process.SpawnAsync(new string('A', 43));
        Assert.False(result.IsOk);
        Assert.Equal(new AoInteger(404), ((Message)result.Value).Get("status"));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_module_are_refused_at_spawn()
    {
        var id = await _process.UploadAsync("not wasm at all"u8.ToArray());
        var result = await _process.SpawnAsync(id);
        Assert.False(result.IsOk);
        Assert.Equal(new AoInteger(422), ((Message)result.Value).Get("status"));
    }

    public void Dispose() => _process.Dispose();
}
