using System.Text;
using HyperBeam.Wasm.Emscripten;
using Wasmtime;

namespace HyperBeam.Wasm.Tests;

/// <summary>
/// The emscripten/WASI host: emscripten's longjmp protocol through <c>invoke_*</c>, WASI as a deterministic sandbox
/// (captured output, the message's clock, <c>proc_exit</c> as a result), and limits (fuel, wall time, memory) that
/// end a call as a failure. 32- and 64-bit memories use the same imports.
/// </summary>
public sealed class EmscriptenHostTests : IDisposable
{
    private const string Module32 = """
        (module
          (import "env" "invoke_vi" (func $invoke_vi (param i32 i32)))
          (import "env" "_emscripten_throw_longjmp" (func $throw))
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
          (memory (export "memory") 1)
          (table (export "__indirect_function_table") 2 funcref)
          (elem (i32.const 1) $jumper)
          (global $sp (mut i32) (i32.const 4096))
          (global $threw (mut i32) (i32.const 0))
          (func (export "stackSave") (result i32) global.get $sp)
          (func (export "stackRestore") (param i32) local.get 0 global.set $sp)
          (func (export "setThrew") (param i32 i32) local.get 0 global.set $threw)
          (func $jumper (param i32) global.get $sp i32.const 64 i32.sub global.set $sp call $throw)
          (func (export "try_jump") (result i32)
            i32.const 0 global.set $threw
            i32.const 1 i32.const 7 call $invoke_vi
            global.get $threw global.get $sp i32.const 4096 i32.eq i32.and)
          (func (export "spin") (loop $l br $l))
          (func (export "hello") (result i32)
            (i32.store (i32.const 16) (i32.const 64))
            (i32.store (i32.const 20) (i32.const 5))
            (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 32)))
          (func (export "quit") (call $exit (i32.const 3)))
          (func (export "now") (result i64) (drop (call $clock (i32.const 0) (i64.const 0) (i32.const 8))) (i64.load (i32.const 8)))
          (func (export "grow") (result i32) (memory.grow (i32.const 100)))
          (data (i32.const 64) "hello"))
        """;

    private const string Module64 = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i64 i64 i64) (result i32)))
          (memory (export "memory") i64 1)
          (func (export "hello") (result i32)
            (i64.store (i64.const 16) (i64.const 64))
            (i64.store (i64.const 24) (i64.const 4))
            (call $fd_write (i32.const 2) (i64.const 16) (i64.const 1) (i64.const 32)))
          (data (i64.const 64) "wide"))
        """;

    private readonly EmscriptenRuntime _runtime = new(new EmscriptenOptions
    {
        FuelPerCall = 10_000_000,
        MaxMemoryBytes = 1 << 20,
    });

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void Imports_the_host_does_not_provide_fail_at_load_naming_each_of_them()
    {
        const string wat = """
            (module
              (import "env" "mystery" (func))
              (import "wasi_snapshot_preview1" "sock_accept" (func (param i32 i32 i32) (result i32)))
              (import "env" "setTempRet0" (func (param i32))))
            """;
        var error = Assert.Throws<InvalidOperationException>(() => Load(wat));
        Assert.Contains("env.mystery", error.Message);
        Assert.Contains("wasi_snapshot_preview1.sock_accept", error.Message);
        Assert.DoesNotContain("setTempRet0", error.Message);
    }

    [Fact]
    public void A_longjmp_through_invoke_restores_the_stack_and_reports_through_setThrew()
    {
        using var instance = Load(Module32).Instantiate(new EmscriptenSystem(1024));
        Assert.Equal(1, instance.Call("try_jump"));
        // The instance stays usable after the jump.
        Assert.Equal(1, instance.Call("try_jump"));
    }

    [Fact]
    public void Fd_write_goes_to_the_captured_output()
    {
        var system = new EmscriptenSystem(1024);
        using var instance = Load(Module32).Instantiate(system);
        Assert.Equal(0, instance.Call("hello"));
        Assert.Equal("hello", Encoding.UTF8.GetString(system.TakeOutput()));
        Assert.Empty(system.TakeOutput());
    }

    [Fact]
    public void A_64_bit_memory_uses_the_same_wasi_functions_with_wide_pointers()
    {
        var system = new EmscriptenSystem(1024);
        using var instance = Load(Module64).Instantiate(system);
        Assert.True(instance.Is64Bit);
        Assert.Equal(0, instance.Call("hello"));
        Assert.Equal("wide", Encoding.UTF8.GetString(system.TakeOutput()));
    }

    [Fact]
    public void The_clock_is_the_one_the_embedder_sets()
    {
        var system = new EmscriptenSystem(1024) { ClockNanoseconds = 1_700_000_000_000_000_000 };
        using var instance = Load(Module32).Instantiate(system);
        Assert.Equal(1_700_000_000_000_000_000L, instance.Call("now"));
    }

    [Fact]
    public void Proc_exit_ends_the_call_as_an_exit_with_its_code()
    {
        using var instance = Load(Module32).Instantiate(new EmscriptenSystem(1024));
        var failure = Assert.Throws<EmscriptenFailure>(() => instance.Call("quit"));
        Assert.Equal(EmscriptenFailureKind.Exit, failure.Kind);
        Assert.Equal(3, failure.ExitCode);
    }

    [Fact]
    public void A_runaway_call_runs_out_of_fuel()
    {
        using var instance = Load(Module32).Instantiate(new EmscriptenSystem(1024));
        Assert.Equal(EmscriptenFailureKind.OutOfFuel, Assert.Throws<EmscriptenFailure>(() => instance.Call("spin")).Kind);
    }

    [Fact]
    public void A_runaway_call_with_fuel_to_spare_is_stopped_by_its_wall_time_deadline()
    {
        using var runtime = new EmscriptenRuntime(new EmscriptenOptions { FuelPerCall = ulong.MaxValue / 2, WallTimeLimit = TimeSpan.FromMilliseconds(50) });
        using var module = runtime.Load(Module.FromText(runtime.Engine, "deadline", Module32));
        using var instance = module.Instantiate(new EmscriptenSystem(1024));
        Assert.Equal(EmscriptenFailureKind.Deadline, Assert.Throws<EmscriptenFailure>(() => instance.Call("spin")).Kind);
    }

    [Fact]
    public void Memory_cannot_grow_past_the_limit()
    {
        using var instance = Load(Module32).Instantiate(new EmscriptenSystem(1024));
        Assert.Equal(-1, instance.Call("grow"));
    }

    [Fact]
    public void A_memory_image_restores_into_a_fresh_instance()
    {
        var module = Load(Module32);
        using var first = module.Instantiate(new EmscriptenSystem(1024));
        first.Memory.WriteInt64(200, 0x1234_5678_9abc);
        var image = first.ReadMemory();
        using var second = module.Instantiate(new EmscriptenSystem(1024));
        second.RestoreMemory(image);
        Assert.Equal(0x1234_5678_9abc, second.Memory.ReadInt64(200));
    }

    private EmscriptenModule Load(string wat) => _runtime.Load(Module.FromText(_runtime.Engine, "test", wat));
}
