using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests.Aos;

/// <summary>
/// genesis-wasm@1.0 running CI's C++ counter built with emscripten's -fwasm-exceptions (wasm/aos/build-eh.sh): legacy
/// exception-handling instructions, as aos-2 modules have, translated at load; in wasm32 and in wasm64 (memory64).
/// </summary>
public sealed class GenesisWasmLegacyExceptionTests : IDisposable
{
    private static readonly byte[] CounterEh = Module("aos-counter-eh.wasm");

    private static byte[] Module(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", name));

    private readonly AosTestProcess _process = new(new AosOptions
    {
        Host = new EmscriptenOptions { FuelPerCall = 200_000_000, MaxMemoryBytes = 16L << 20, WallTimeLimit = TimeSpan.FromSeconds(20) },
    });

    [Theory]
    [InlineData("aos-counter-eh.wasm")]
    [InlineData("aos-counter64-eh.wasm")]
    public async Task A_cpp_exception_thrown_five_calls_deep_is_caught_in_the_module_after_a_rethrow_and_every_cleanup(string module)
    {
        Assert.True((await _process.SpawnAsync(await _process.UploadAsync(Module(module)))).IsOk);
        Assert.Equal("count 1", (await _process.SendAsync("Count")).GetText("data"));
        var caught = await _process.SendAsync("Throw");
        Assert.Equal("ok", caught.GetText("type"));
        Assert.Equal("caught deep: 1 rethrow, 5 clean-ups", caught.GetText("data"));
        Assert.Equal("count 2", (await _process.SendAsync("Count")).GetText("data"));
        // Twice: the handler's state after one exception is sound for the next.
        Assert.Equal("caught deep: 1 rethrow, 5 clean-ups", (await _process.SendAsync("Throw")).GetText("data"));
    }

    [Theory]
    [InlineData("aos-counter-eh.wasm", "Uncaught")]
    [InlineData("aos-counter-eh.wasm", "Trap")]
    [InlineData("aos-counter64-eh.wasm", "Uncaught")]
    [InlineData("aos-counter64-eh.wasm", "Trap")]
    public async Task An_exception_leaving_the_module_or_a_trap_is_the_slots_error_and_the_process_goes_on(string module, string action)
    {
        Assert.True((await _process.SpawnAsync(await _process.UploadAsync(Module(module)))).IsOk);
        await _process.SendAsync("Count");
        var failed = await _process.SendAsync(action);
        Assert.Equal("error", failed.GetText("type"));
        Assert.False(string.IsNullOrEmpty(failed.GetText("error")));
        Assert.Equal("count 2", (await _process.SendAsync("Count")).GetText("data"));
        Assert.Equal("caught deep: 1 rethrow, 5 clean-ups", (await _process.SendAsync("Throw")).GetText("data"));
    }

    [Fact]
    public async Task A_second_process_of_the_same_module_compiles_nothing()
    {
        var moduleId = await _process.UploadAsync(CounterEh);
        Assert.True((await _process.SpawnAsync(moduleId)).IsOk);
        var compiled = AosModuleCache.For(_process.Options!).TryGet(moduleId);
        Assert.NotNull(compiled);
        using var second = new AosTestProcess(_process.Options);
        Assert.True((await second.SpawnAsync(await second.UploadAsync(CounterEh))).IsOk);
        Assert.Same(compiled, AosModuleCache.For(second.Options!).TryGet(moduleId));
        Assert.Equal("caught deep: 1 rethrow, 5 clean-ups", (await second.SendAsync("Throw")).GetText("data"));
    }

    [Fact]
    public async Task A_truncated_module_with_legacy_instructions_is_refused_at_spawn()
    {
        var id = await _process.UploadAsync(CounterEh.AsSpan(0, CounterEh.Length - 100).ToArray());
        var result = await _process.SpawnAsync(id);
        Assert.False(result.IsOk);
        Assert.Equal(new AoInteger(422), ((Message)result.Value).Get("status"));
    }

    public void Dispose() => _process.Dispose();
}
