using System.Text;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Wasi;

namespace HyperBeam.Wasm.Tests.Stack;

/// <summary>
/// <c>wasi@1.0</c> under <c>wasm-64@1.0</c> in a stack, with a module that calls WASI itself: its stdout is captured
/// into the results, files come from the in-memory file system in the process state, the clock is the message's.
/// </summary>
public sealed class WasiDeviceTests : IDisposable
{
    /// <summary>
    /// <c>run</c>: writes "hello\n" to stdout, opens data/greeting.txt under the preopened root (fd 3), reads it and
    /// writes what it read to stdout, and returns the clock. <c>missing</c>: the errno of opening a file that is not
    /// there. <c>create</c>: creates notes.txt and writes "noted" into it. <c>exit</c>: <c>proc_exit(3)</c>.
    /// </summary>
    private const string Module = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello\n")
          (data (i32.const 32) "data/greeting.txt")
          (data (i32.const 160) "nope.txt")
          (data (i32.const 176) "notes.txt")
          (data (i32.const 192) "noted")
          (func (export "run") (result i64)
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 6))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 32) (i32.const 17) (i32.const 0)
                  (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 64))
              (then (unreachable)))
            (i32.store (i32.const 72) (i32.const 256))
            (i32.store (i32.const 76) (i32.const 64))
            (drop (call $fd_read (i32.load (i32.const 64)) (i32.const 72) (i32.const 1) (i32.const 80)))
            (i32.store (i32.const 88) (i32.const 256))
            (i32.store (i32.const 92) (i32.load (i32.const 80)))
            (drop (call $fd_write (i32.const 1) (i32.const 88) (i32.const 1) (i32.const 8)))
            (drop (call $clock (i32.const 0) (i64.const 1) (i32.const 96)))
            (i64.load (i32.const 96)))
          (func (export "missing") (result i32)
            (call $path_open (i32.const 3) (i32.const 0) (i32.const 160) (i32.const 8) (i32.const 0)
              (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 64)))
          (func (export "create") (result i32)
            (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 176) (i32.const 9) (i32.const 1)
                  (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 64))
              (then (unreachable)))
            (i32.store (i32.const 0) (i32.const 192))
            (i32.store (i32.const 4) (i32.const 5))
            (call $fd_write (i32.load (i32.const 64)) (i32.const 0) (i32.const 1) (i32.const 8)))
          (func (export "exit") (call $exit (i32.const 3))))
        """;

    private readonly WasmDevice _wasm = new(processesOwnInstances: true);
    private readonly Resolver _resolver;

    public WasiDeviceTests()
    {
        _resolver = new Resolver(DeviceRegistry.Preloaded.With(_wasm, new WasiDevice(), new MultipassDevice()), ResolveOptions.Default);
    }

    private async Task<Message> StartAsync()
    {
        var vfs = Message.Of(("data", Message.Of(("greeting.txt", "hi from the vfs"))));
        var process = Message.Of(("type", "Process"), ("image", Module), ("nonce", Guid.NewGuid().ToString("N")));
        var state = Message.Of(("device", "stack@1.0"), ("device-stack", AoList.Of("WASI@1.0", "wasm-64@1.0", "multipass@1.0")),
            ("output-prefix", "wasm"), ("input-prefix", "process"), ("passes", 2), ("process", process), ("vfs", vfs));
        var result = await _resolver.ResolveAsync(state, "init");
        Assert.True(result.IsOk, result.ToString());
        return (Message)result.Value;
    }

    private async Task<Message> ComputeAsync(Message state, string function, long timestamp = 1_700_000_000_123)
    {
        var result = await _resolver.ResolveAsync(state.Remove("results"),
            Message.Of(("path", "compute"), ("slot", 1), ("timestamp", timestamp), ("function", function)));
        Assert.True(result.IsOk, result.ToString());
        return (Message)result.Value;
    }

    [Fact]
    public async Task A_module_reads_a_file_of_the_in_memory_file_system_and_its_stdout_is_in_the_results()
    {
        var state = await ComputeAsync(await StartAsync(), "run");
        Assert.Equal("hello\nhi from the vfs", state.GetMessage("results")!.GetText("stdout"));
    }

    [Fact]
    public async Task The_clock_is_the_timestamp_of_the_message_in_nanoseconds()
    {
        var state = await ComputeAsync(await StartAsync(), "run", timestamp: 1_234_567);
        var output = Assert.IsType<AoList>(state.GetMessage("results")!.GetMessage("wasm")!.Get("output"));
        Assert.Equal(new AoInteger(1_234_567L * 1_000_000), output[0]);
    }

    [Fact]
    public async Task Each_message_starts_with_an_empty_stdout()
    {
        var state = await ComputeAsync(await StartAsync(), "run");
        state = await ComputeAsync(state, "run");
        Assert.Equal("hello\nhi from the vfs", state.GetMessage("results")!.GetText("stdout"));
    }

    [Fact]
    public async Task Opening_a_file_that_is_not_there_is_noent_and_a_created_file_is_kept_in_the_state()
    {
        var state = await ComputeAsync(await StartAsync(), "missing");
        Assert.Equal(AoList.Of(44), state.GetMessage("results")!.GetMessage("wasm")!.Get("output"));
        state = await ComputeAsync(state, "create");
        Assert.Equal(AoList.Of(0), state.GetMessage("results")!.GetMessage("wasm")!.Get("output"));
        Assert.Equal("noted", Encoding.UTF8.GetString(((AoBinary)state.GetMessage("vfs")!.Get("notes.txt")!).Memory.Span));
    }

    [Fact]
    public async Task Proc_exit_ends_the_message_with_an_error_naming_the_exit_code()
    {
        var result = await _resolver.ResolveAsync(await StartAsync(), Message.Of(("path", "compute"), ("slot", 1), ("function", "exit")));
        Assert.False(result.IsOk);
        Assert.Contains("exited with code 3", result.ErrorMessage);
    }

    public void Dispose() => _wasm.Dispose();
}
