using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests.Aos;

/// <summary>
/// A module built for emscripten's JS glue — the shape of legacy AO modules, which ao-loader runs (CI's counter in
/// that build, wasm/aos/aos-counter-emscripten2.wasm) — runs here too: no <c>_initialize</c> (the host runs the stack
/// set-up and the static constructors, as the glue does) and its memory grows through <c>emscripten_resize_heap</c>.
/// </summary>
public sealed class EmscriptenGlueModuleTests : IDisposable
{
    private static readonly byte[] GlueModule = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter-emscripten2.wasm"));

    private readonly AosTestProcess _process = new(new AosOptions
    {
        Host = new EmscriptenOptions { FuelPerCall = 500_000_000, MaxMemoryBytes = 32L << 20, WallTimeLimit = TimeSpan.FromSeconds(20) },
    });

    [Fact]
    public async Task A_module_built_for_the_emscripten_glue_counts_and_replies_to_its_sender()
    {
        var spawned = await _process.SpawnAsync(await _process.UploadAsync(GlueModule));
        Assert.True(spawned.IsOk, spawned.ToString());

        await _process.SendAsync("Count");
        var results = await _process.SendAsync("Count");

        Assert.Equal("count 2", results.GetText("data"));
        Assert.Equal("Counted", results.GetMessage("outbox")!.GetMessage("1")!.GetText("action"));
    }

    [Fact]
    public async Task Its_memory_grows_through_emscripten_resize_heap_and_stays_grown_in_its_snapshot()
    {
        Assert.True((await _process.SpawnAsync(await _process.UploadAsync(GlueModule))).IsOk);

        var reserved = await _process.SendAsync("Reserve", ("bytes", (8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("reserved 8388608", reserved.GetText("data"));
        var size = Assert.IsType<AoInteger>((await _process.SnapshotAsync()).Get("size")).Value;
        Assert.True(size > 8 << 20 && size % 65536 == 0, $"memory of {size} bytes");
        Assert.Equal("count 1", (await _process.SendAsync("Count")).GetText("data"));
    }

    [Fact]
    public async Task Growing_past_the_memory_cap_is_an_error_result_and_the_process_goes_on()
    {
        Assert.True((await _process.SpawnAsync(await _process.UploadAsync(GlueModule))).IsOk);
        await _process.SendAsync("Count");

        var grown = await _process.SendAsync("Grow");

        Assert.Equal("error", grown.GetText("type"));
        Assert.Equal("count 2", (await _process.SendAsync("Count")).GetText("data"));
    }

    public void Dispose() => _process.Dispose();
}
