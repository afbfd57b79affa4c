using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests.Aos;

/// <summary>
/// genesis-wasm@1.0 on CI's counter module built for wasm64 (memory64, <c>wasm/aos/aos-counter64.wasm</c>), as aos-2
/// modules are: 64-bit pointers through the JSON interface, snapshots, the memory cap, traps.
/// </summary>
public sealed class GenesisWasm64Tests : IDisposable
{
    private static readonly byte[] Counter64 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter64.wasm"));

    private static readonly AosOptions Tight = new()
    {
        Host = new EmscriptenOptions { FuelPerCall = 200_000_000, MaxMemoryBytes = 16L << 20, WallTimeLimit = TimeSpan.FromSeconds(20) },
    };

    private readonly AosTestProcess _process = new(Tight);

    private async Task SpawnAsync() => Assert.True((await _process.SpawnAsync(await _process.UploadAsync(Counter64))).IsOk);

    [Fact]
    public void The_module_has_a_64_bit_memory()
    {
        using var runtime = new EmscriptenRuntime();
        using var module = runtime.Load(Counter64, "aos-counter64");
        using var instance = module.Instantiate(new EmscriptenSystem(1024));
        Assert.True(instance.Is64Bit);
    }

    [Fact]
    public async Task A_wasm64_counter_counts_and_replies_through_the_outbox()
    {
        await SpawnAsync();
        Assert.Equal("count 1", (await _process.SendAsync("Count")).GetText("data"));
        var results = await _process.SendAsync("Count");
        Assert.Equal("count 2", results.GetText("data"));
        Assert.Equal("Counted", results.GetMessage("outbox")!.GetMessage("1")!.GetText("action"));
        Assert.Equal("hello Echo", (await _process.SendAsync("Echo")).GetText("data"));
    }

    [Theory]
    [InlineData("Trap")]
    [InlineData("Loop")]
    [InlineData("Grow")]
    public async Task A_hostile_message_is_an_error_result_and_the_wasm64_process_keeps_its_state(string action)
    {
        await SpawnAsync();
        await _process.SendAsync("Count");
        var failed = await _process.SendAsync(action);
        Assert.Equal("error", failed.GetText("type"));
        Assert.False(string.IsNullOrEmpty(failed.GetText("error")));
        Assert.Equal("count 2", (await _process.SendAsync("Count")).GetText("data"));
    }

    [Fact]
    public async Task A_wasm64_snapshot_restores_into_a_fresh_device_and_the_process_resumes()
    {
        await SpawnAsync();
        for (var i = 0; i < 3; i++) await _process.SendAsync("Count");
        var snapshot = await _process.SnapshotAsync();
        Assert.True((await _process.RestartFromAsync(snapshot)).IsOk);
        Assert.Equal("count 4", (await _process.SendAsync("Count")).GetText("data"));
    }

    public void Dispose() => _process.Dispose();
}
