using HyperBeam.Wasm.Emscripten;
using Wasmtime;

namespace HyperBeam.Wasm.Tests;

/// <summary>
/// Newer emscripten (3.1.5x+, the AOS wasm64 builds) exports <c>emscripten_stack_get_current</c> and
/// <c>_emscripten_stack_restore</c> instead of <c>stackSave</c>/<c>stackRestore</c>, and may export no <c>free</c>;
/// the longjmp protocol through <c>invoke_*</c> must work with either, on a 64-bit memory too.
/// </summary>
public sealed class EmscriptenNewerExportsTests : IDisposable
{
    private const string Module64 = """
        (module
          (import "env" "invoke_vj" (func $invoke_vj (param i32 i64)))
          (import "env" "_emscripten_throw_longjmp" (func $throw))
          (import "env" "_emscripten_system" (func $system (param i64) (result i32)))
          (memory (export "memory") i64 1)
          (table (export "__indirect_function_table") 2 funcref)
          (elem (i32.const 1) $jumper)
          (global $sp (mut i64) (i64.const 4096))
          (global $threw (mut i32) (i32.const 0))
          (func (export "emscripten_stack_get_current") (result i64) global.get $sp)
          (func (export "_emscripten_stack_restore") (param i64) local.get 0 global.set $sp)
          (func (export "setThrew") (param i64 i32) i32.const 1 global.set $threw)
          (func $jumper (param i64) global.get $sp i64.const 64 i64.sub global.set $sp call $throw)
          (func (export "try_jump") (result i32)
            i32.const 0 global.set $threw
            i32.const 1 i64.const 7 call $invoke_vj
            global.get $threw global.get $sp i64.const 4096 i64.eq i32.and)
          (func (export "shell") (result i32) (call $system (i64.const 0))))
        """;

    private readonly EmscriptenRuntime _runtime = new(new EmscriptenOptions { FuelPerCall = 10_000_000, MaxMemoryBytes = 1 << 20 });

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_longjmp_through_invoke_restores_the_stack_with_the_newer_stack_exports()
    {
        using var instance = _runtime.Load(Module.FromText(_runtime.Engine, "newer", Module64)).Instantiate(new EmscriptenSystem(1024));
        Assert.Equal(1, instance.Call("try_jump"));
        Assert.Equal(1, instance.Call("try_jump"));
        Assert.False(instance.Exports("free"));
    }

    [Fact]
    public void The_newer_system_import_answers_that_there_is_no_shell()
    {
        using var instance = _runtime.Load(Module.FromText(_runtime.Engine, "newer", Module64)).Instantiate(new EmscriptenSystem(1024));
        Assert.Equal(-52, instance.Call("shell"));
    }
}
