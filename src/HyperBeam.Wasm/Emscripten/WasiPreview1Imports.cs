using System.Buffers.Binary;
using Wasmtime;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// WASI preview1 as a deterministic sandbox: stdout/stderr writes are captured (<see cref="EmscriptenSystem"/>), reads
/// see end of file, nothing can be opened or sought, clocks answer the message's time, <c>random_get</c> a seeded
/// stream, arguments and environment are empty, and <c>proc_exit</c> ends the call as its result. Pointers are 32- or
/// 64-bit as the import declares, so wasm64 modules use the same functions.
/// </summary>
internal sealed class WasiPreview1Imports(EmscriptenInstance instance)
{
    private const int Success = 0, Badf = 8, Spipe = 70, Nosys = 52;

    private static readonly HashSet<string> Names =
    [
        "fd_write", "fd_read", "fd_seek", "fd_close", "fd_fdstat_get", "fd_fdstat_set_flags", "fd_prestat_get", "fd_prestat_dir_name",
        "fd_sync", "clock_time_get", "clock_res_get", "random_get", "args_sizes_get", "args_get", "environ_sizes_get", "environ_get",
        "proc_exit", "sched_yield", "path_open", "path_filestat_get",
    ];

    public static bool Answers(string module, string name) => module == "wasi_snapshot_preview1" && Names.Contains(name);

    public Function.UntypedCallbackDelegate? Callback(FunctionImport import)
    {
        if (import.ModuleName != "wasi_snapshot_preview1") return null;
        var kinds = import.Parameters;
        long P(ReadOnlySpan<ValueBox> args, int i) => EmscriptenEnvImports.Pointer(args[i], kinds[i]);
        var wide = kinds.Count > 0 && kinds.Any(k => k == ValueKind.Int64) && import.Name is not ("fd_seek" or "clock_time_get" or "clock_res_get");
        return import.Name switch
        {
            "fd_write" => (_, args, results) => results[0] = FdWrite(args[0].AsInt32(), P(args, 1), P(args, 2), P(args, 3), wide),
            "fd_read" => (_, args, results) => { WriteSize(P(args, 3), 0, wide); results[0] = Success; },
            "fd_seek" => (_, _, results) => results[0] = Spipe,
            "fd_close" or "fd_sync" or "fd_fdstat_set_flags" => (_, _, results) => results[0] = Success,
            "fd_fdstat_get" => (_, args, results) => results[0] = FdStat(args[0].AsInt32(), P(args, 1)),
            "fd_prestat_get" or "fd_prestat_dir_name" or "path_open" or "path_filestat_get" => (_, _, results) => results[0] = Badf,
            "clock_time_get" => (_, args, results) => { Write64(P(args, 2), instance.System.ClockNanoseconds); results[0] = Success; },
            "clock_res_get" => (_, args, results) => { Write64(P(args, 1), 1_000_000); results[0] = Success; },
            "random_get" => (_, args, results) =>
            {
                instance.System.FillRandom(instance.Memory.GetSpan(P(args, 0), checked((int)P(args, 1))));
                results[0] = Success;
            },
            "args_sizes_get" or "environ_sizes_get" => (_, args, results) =>
            {
                WriteSize(P(args, 0), 0, wide);
                WriteSize(P(args, 1), 0, wide);
                results[0] = Success;
            },
            "args_get" or "environ_get" or "sched_yield" => (_, _, results) => results[0] = Success,
            "proc_exit" => (_, args, _) =>
            {
                instance.Env.Exit = args[0].AsInt32();
                throw new InvalidOperationException("proc_exit");
            },
            _ => (_, _, results) => { if (results.Length > 0) results[0] = Nosys; },
        };
    }

    private int FdWrite(int fd, long iovs, long count, long written, bool wide)
    {
        if (fd is not (1 or 2)) return Badf;
        var memory = instance.Memory;
        var entry = wide ? 16 : 8;
        long total = 0;
        for (long i = 0; i < count; i++)
        {
            var at = iovs + i * entry;
            var (pointer, length) = wide
                ? (memory.ReadInt64(at), memory.ReadInt64(at + 8))
                : ((long)(uint)memory.ReadInt32(at), (long)(uint)memory.ReadInt32(at + 4));
            if (length == 0) continue;
            instance.System.Write(memory.GetSpan(pointer, checked((int)length)));
            total += length;
        }
        WriteSize(written, total, wide);
        return Success;
    }

    private int FdStat(int fd, long at)
    {
        if (fd is < 0 or > 2) return Badf;
        var stat = instance.Memory.GetSpan(at, 24);
        stat.Clear();
        stat[0] = 2; // character device
        return Success;
    }

    private void WriteSize(long at, long value, bool wide)
    {
        if (wide) instance.Memory.WriteInt64(at, value);
        else instance.Memory.WriteInt32(at, (int)value);
    }

    private void Write64(long at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(instance.Memory.GetSpan(at, 8), value);
}
