using Wasmtime;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// Emscripten's <c>env</c> imports. <c>setjmp</c>/<c>longjmp</c> (how Lua raises errors, for one) work by emscripten's
/// protocol: every call that may longjmp goes through an <c>invoke_*</c> import, which calls the function-table entry;
/// <c>_emscripten_throw_longjmp</c> unwinds with a trap, and the <c>invoke_*</c> that catches it restores the stack and
/// tells the module through <c>setThrew</c>. Syscalls a sandbox has no business answering fail with ENOSYS.
/// </summary>
internal sealed class EmscriptenEnvImports(EmscriptenInstance instance)
{
    private const int Enosys = 52;
    private int _tempRet0;
    private bool _longjmpPending;

    /// <summary>The <c>proc_exit</c> code, once the module called it in this call.</summary>
    public int? Exit { get; set; }

    /// <summary>Why an embedder's host function failed in this call, if one did.</summary>
    public string? HostFailure { get; set; }

    /// <summary>
    /// The first trap that passed through an <c>invoke_*</c> (running out of fuel, say): rethrown from a host function it
    /// reaches the caller as a generic trap, so its cause is kept here.
    /// </summary>
    public TrapException? InnerTrap { get; set; }

    public void Reset()
    {
        Exit = null;
        HostFailure = null;
        InnerTrap = null;
        _longjmpPending = false;
    }

    public static bool Answers(string module, string name) =>
        module == "env" && (name.StartsWith("invoke_", StringComparison.Ordinal) || name.StartsWith("__syscall_", StringComparison.Ordinal)
                            || name is "_emscripten_throw_longjmp" or "setTempRet0" or "getTempRet0" or "emscripten_notify_memory_growth" or "emscripten_resize_heap"
                                or "system" or "_emscripten_system" or "emscripten_memcpy_big" or "_emscripten_get_now_is_monotonic" or "emscripten_get_now"
                                or "abort" or "__assert_fail");

    public Function.UntypedCallbackDelegate? Callback(FunctionImport import)
    {
        if (import.ModuleName != "env") return null;
        var name = import.Name;
        if (name.StartsWith("invoke_", StringComparison.Ordinal)) return (_, args, results) => Invoke(args, results);
        if (name.StartsWith("__syscall_", StringComparison.Ordinal) || name is "system" or "_emscripten_system")
            return (_, _, results) => { if (results.Length > 0) results[0] = Box(-Enosys, import.Results[0]); };
        return name switch
        {
            "_emscripten_throw_longjmp" => (_, _, _) =>
            {
                _longjmpPending = true;
                throw new InvalidOperationException("longjmp");
            },
            "setTempRet0" => (_, args, _) => _tempRet0 = args[0].AsInt32(),
            "getTempRet0" => (_, _, results) => results[0] = _tempRet0,
            "emscripten_notify_memory_growth" => (_, _, _) => { },
            "emscripten_resize_heap" => (_, args, results) => results[0] = ResizeHeap(Pointer(args[0], import.Parameters[0])) ? 1 : 0,
            "emscripten_memcpy_big" => (_, args, results) =>
            {
                var (to, from, length) = (Pointer(args[0], import.Parameters[0]), Pointer(args[1], import.Parameters[1]), (int)Pointer(args[2], import.Parameters[2]));
                instance.Memory.GetSpan(from, length).CopyTo(instance.Memory.GetSpan(to, length));
                if (results.Length > 0) results[0] = args[0];
            },
            "_emscripten_get_now_is_monotonic" => (_, _, results) => results[0] = 1,
            "emscripten_get_now" => (_, _, results) => results[0] = instance.System.ClockNanoseconds / 1_000_000.0,
            "abort" or "__assert_fail" => (_, _, _) => throw new InvalidOperationException("the module aborted"),
            _ => null,
        };
    }

    /// <summary>
    /// <c>emscripten_resize_heap</c> (modules built for emscripten's JS glue, as ao-loader runs them, grow their memory
    /// through it): the glue's growth policy — up to 20% over the current size, at least what was asked, whole pages,
    /// trying smaller steps when that fails — so a module's memory grows to the same sizes here as under ao-loader.
    /// False (the module's malloc then fails) when not even the asked size fits within the memory limit.
    /// </summary>
    private bool ResizeHeap(long requested)
    {
        const long Page = 65536, MaxOverGrowth = 96L << 20;
        var memory = instance.Memory;
        var old = memory.GetLength();
        if (requested <= old) return true;
        for (var cutDown = 1; cutDown <= 4; cutDown *= 2)
        {
            var overGrown = Math.Min((long)(old * (1 + 0.2 / cutDown)), requested + MaxOverGrowth);
            if (TryGrowTo(Math.Max(requested, overGrown))) return true;
        }
        return TryGrowTo(requested);

        bool TryGrowTo(long size)
        {
            var pages = (size + Page - 1) / Page - memory.GetSize();
            try
            {
                memory.Grow(pages);
                return true;
            }
            catch (WasmtimeException)
            {
                return false;
            }
        }
    }

    /// <summary><c>invoke_*</c>: calls table entry <c>args[0]</c> with the rest; a longjmp out of it becomes <c>setThrew(1, 0)</c>.</summary>
    private void Invoke(ReadOnlySpan<ValueBox> args, Span<ValueBox> results)
    {
        var function = instance.TableFunction(args[0].AsInt32())
                       ?? throw new InvalidOperationException($"invoke of an empty function-table slot {args[0].AsInt32()}");
        var stack = instance.StackSave();
        try
        {
            var returned = function.Invoke(args[1..]);
            if (results.Length > 0) results[0] = ToBox(returned, function.Results[0]);
        }
        catch (WasmtimeException) when (_longjmpPending)
        {
            _longjmpPending = false;
            instance.StackRestore(instance.Is64Bit ? stack : (int)stack);
            instance.Call("setThrew", 1, 0);
            if (results.Length > 0) results[0] = Box(0, function.Results[0]);
        }
        catch (TrapException trap)
        {
            InnerTrap ??= trap;
            throw;
        }
    }

    internal static long Pointer(ValueBox value, ValueKind kind) => kind == ValueKind.Int64 ? value.AsInt64() : (uint)value.AsInt32();

    internal static ValueBox Box(long value, ValueKind kind) => kind switch
    {
        ValueKind.Int64 => value,
        ValueKind.Float32 => (float)value,
        ValueKind.Float64 => (double)value,
        _ => (int)value,
    };

    private static ValueBox ToBox(object? value, ValueKind kind) => value switch
    {
        int i => i,
        long l => l,
        float f => f,
        double d => d,
        _ => Box(0, kind),
    };
}
