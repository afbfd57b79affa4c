using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Wasi;

/// <summary>
/// The WASI preview1 functions of <c>wasi@1.0</c> on the process state: each takes the state, the call's arguments
/// and the calling instance's memory, and returns the next state and the errno. Pointers and sizes are 32- or 64-bit
/// as the module's memory is (an iovec is 8 or 16 bytes).
/// </summary>
internal static class WasiCalls
{
    public const int Success = 0, Badf = 8, Fbig = 22, Inval = 28, Isdir = 31, Noent = 44, Notdir = 54;

    /// <summary>Largest file (stdout included) a module may write: the file system lives in every computed state.</summary>
    public const int MaxFileBytes = 16 << 20;

    /// <summary>State keys the device sets before each message: the clock (ns) and the random stream.</summary>
    public const string ClockKey = "wasi-clock", SeedKey = "wasi-random-seed", OffsetKey = "wasi-random-offset";

    private const int CreateFlag = 1, DirectoryFlag = 2, TruncateFlag = 8;

    public delegate (Message State, int Errno) Call(Message state, IReadOnlyList<long> args, WasmImportMemory memory);

    public static readonly IReadOnlyDictionary<string, Call> ByName = new Dictionary<string, Call>(StringComparer.Ordinal)
    {
        ["fd_write"] = FdWrite,
        ["fd_read"] = FdRead,
        ["fd_seek"] = FdSeek,
        ["fd_close"] = FdClose,
        ["fd_fdstat_get"] = FdStat,
        ["fd_prestat_get"] = PrestatGet,
        ["fd_prestat_dir_name"] = PrestatDirName,
        ["path_open"] = PathOpen,
        ["clock_time_get"] = (state, args, memory) =>
        {
            memory.WriteUInt64(args[2], state.Get(ClockKey) is AoInteger t ? (ulong)t.Value : 0);
            return (state, Success);
        },
        ["random_get"] = RandomGet,
        ["args_sizes_get"] = NoStrings,
        ["environ_sizes_get"] = NoStrings,
        ["args_get"] = (state, _, _) => (state, Success),
        ["environ_get"] = (state, _, _) => (state, Success),
        ["fd_sync"] = (state, _, _) => (state, Success),
        ["sched_yield"] = (state, _, _) => (state, Success),
    };

    private static (Message, int) FdWrite(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        var fd = (int)args[0];
        if (WasiFiles.Open(state, fd) is not (string name, long offset) || WasiFiles.Lookup(state, name) is not AoBinary file) return (state, Badf);
        var written = new MemoryStream();
        foreach (var (at, length) in Vectors(memory, args[1], args[2])) written.Write(memory.Read(at, length));
        var data = written.ToArray();
        if (Math.Max(offset + data.Length, file.Length) > MaxFileBytes) return (state, Fbig);
        var before = file.Memory.Span[..(int)Math.Min(offset, file.Length)];
        var after = offset + data.Length < file.Length ? file.Memory.Span[(int)(offset + data.Length)..] : [];
        var contents = new byte[before.Length + data.Length + after.Length];
        before.CopyTo(contents);
        data.CopyTo(contents, before.Length);
        after.CopyTo(contents.AsSpan(before.Length + data.Length));
        state = WasiFiles.SetOffset(WasiFiles.WriteFile(state, name, new AoBinary(contents)), fd, offset + data.Length);
        memory.WriteSize(args[3], data.Length);
        return (state, Success);
    }

    private static (Message, int) FdRead(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        var fd = (int)args[0];
        if (WasiFiles.Open(state, fd) is not (string name, long offset)) return (state, Badf);
        if (WasiFiles.Lookup(state, name) is not AoBinary file) return (state, Isdir);
        long read = 0;
        foreach (var (at, length) in Vectors(memory, args[1], args[2]))
        {
            var take = (int)Math.Clamp(file.Length - offset - read, 0, length);
            if (take == 0) break;
            memory.Write(at, file.Memory.Span.Slice((int)(offset + read), take));
            read += take;
        }
        memory.WriteSize(args[3], read);
        return (WasiFiles.SetOffset(state, fd, offset + read), Success);
    }

    private static (Message, int) FdSeek(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        var fd = (int)args[0];
        if (WasiFiles.Open(state, fd) is not (string name, long offset) || WasiFiles.Lookup(state, name) is not AoBinary file) return (state, Badf);
        var next = args[2] switch
        {
            0 => args[1],
            1 => offset + args[1],
            2 => file.Length + args[1],
            _ => -1,
        };
        if (next < 0) return (state, Inval);
        memory.WriteUInt64(args[3], (ulong)next);
        return (WasiFiles.SetOffset(state, fd, next), Success);
    }

    private static (Message, int) FdClose(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        var fd = (int)args[0];
        if (WasiFiles.Open(state, fd) is null) return (state, Badf);
        return (fd <= WasiFiles.RootDescriptor ? state : WasiFiles.Close(state, fd), Success);
    }

    private static (Message, int) FdStat(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        var fd = (int)args[0];
        if (WasiFiles.Open(state, fd) is not (string name, _)) return (state, Badf);
        var stat = new byte[24];
        // filetype: 2 character device (stdio), 3 directory, 4 regular file; every right granted.
        stat[0] = fd <= 2 ? (byte)2 : WasiFiles.Lookup(state, name) is Message ? (byte)3 : (byte)4;
        stat.AsSpan(8).Fill(0xff);
        memory.Write(args[1], stat);
        return (state, Success);
    }

    private static (Message, int) PrestatGet(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        if (args[0] != WasiFiles.RootDescriptor) return (state, Badf);
        memory.WriteUInt32(args[1], 0);
        memory.WriteSize(args[1] + (memory.Is64Bit ? 8 : 4), 1);
        return (state, Success);
    }

    private static (Message, int) PrestatDirName(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        if (args[0] != WasiFiles.RootDescriptor) return (state, Badf);
        if (args[2] < 1) return (state, Inval);
        memory.Write(args[1], "/"u8);
        return (state, Success);
    }

    /// <summary><c>path_open(dirfd, dirflags, path, path_len, oflags, rights, rights_inheriting, fdflags, fd_out)</c>.</summary>
    private static (Message, int) PathOpen(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        if (WasiFiles.Open(state, (int)args[0]) is not (string directory, _)) return (state, Badf);
        var relative = Encoding.UTF8.GetString(memory.Read(args[2], args[3]));
        if (WasiFiles.Join(directory, relative) is not { } path) return (state, Noent);
        var flags = args[4];
        switch (WasiFiles.Lookup(state, path))
        {
            case null when (flags & CreateFlag) != 0:
                state = WasiFiles.WriteFile(state, path, AoBinary.Empty);
                break;
            case null:
                return (state, Noent);
            case Message when (flags & TruncateFlag) != 0:
                return (state, Isdir);
            case AoBinary when (flags & DirectoryFlag) != 0:
                return (state, Notdir);
            case AoBinary when (flags & TruncateFlag) != 0:
                state = WasiFiles.WriteFile(state, path, AoBinary.Empty);
                break;
        }
        var (opened, fd) = WasiFiles.Add(state, path);
        memory.WriteUInt32(args[8], (uint)fd);
        return (opened, Success);
    }

    private static (Message, int) RandomGet(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        var bytes = new byte[checked((int)args[1])];
        var offset = state.Get(OffsetKey) is AoInteger o ? o.Value : 0;
        SeededRandom.Fill(Encoding.UTF8.GetBytes(state.GetText(SeedKey) ?? ""), offset, bytes);
        memory.Write(args[0], bytes);
        return (state.Set(OffsetKey, offset + bytes.Length), Success);
    }

    private static (Message, int) NoStrings(Message state, IReadOnlyList<long> args, WasmImportMemory memory)
    {
        memory.WriteSize(args[0], 0);
        memory.WriteSize(args[1], 0);
        return (state, Success);
    }

    private static IEnumerable<(long At, long Length)> Vectors(WasmImportMemory memory, long iovs, long count)
    {
        var width = memory.Is64Bit ? 8 : 4;
        for (long i = 0; i < count; i++)
        {
            var entry = iovs + i * width * 2;
            yield return (memory.ReadPointer(entry), memory.ReadPointer(entry + width));
        }
    }
}
