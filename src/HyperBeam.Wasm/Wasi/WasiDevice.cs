using System.Globalization;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Execution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Wasi;

/// <summary>
/// <c>wasi@1.0</c> (HyperBEAM's <c>dev_wasi</c>, listed as <c>WASI@1.0</c> in older process definitions: device names
/// match case-insensitively): WASI preview1 for a module run by <c>wasm-64@1.0</c> in the same stack, as a
/// deterministic sandbox over the process state.
/// <list type="bullet">
/// <item><c>init</c>: the state with <c>[output-prefix]/stdlib/wasi_snapshot_preview1</c> naming this device (so
/// <c>wasm-64@1.0</c>'s imports of that module come here), the in-memory file system <c>vfs</c> (files a process
/// definition carries in <c>vfs</c> are kept, <c>/dev/stdin</c>, <c>/dev/stdout</c>, <c>/dev/stderr</c> added) and
/// <c>file-descriptors</c> (see <see cref="WasiFiles"/>).</item>
/// <item><c>compute</c>, first pass: stdout and stderr emptied; the clock set to the assignment's <c>timestamp</c>
/// (ms → ns) and <c>random_get</c> seeded by the process and slot. Later passes: what the module wrote to stdout and
/// stderr is copied to <c>results/stdout</c> and <c>results/stderr</c>.</item>
/// <item><c>fd_write</c>, <c>fd_read</c>, <c>fd_seek</c>, <c>fd_close</c>, <c>fd_fdstat_get</c>, <c>fd_prestat_get</c>,
/// <c>fd_prestat_dir_name</c>, <c>path_open</c>, <c>clock_time_get</c>, <c>random_get</c>, <c>args_*</c>,
/// <c>environ_*</c> (both empty): import calls <c>{args}</c> on <c>{state}</c> → <c>{state, results: [errno]}</c>
/// (<see cref="WasiCalls"/>); <c>proc_exit</c> ends the call with an error naming the exit code. Other WASI functions
/// are not answered here, so <c>wasm-64@1.0</c> records them as undefined calls and answers 0, as HyperBEAM does.</item>
/// </list>
/// </summary>
public sealed class WasiDevice : Device
{
    public const string DeviceName = "wasi@1.0";

    public const string ModuleName = "wasi_snapshot_preview1";

    public WasiDevice()
        : base(DeviceName, new DeviceInfo { Exports = ["init", "compute", "proc_exit", .. WasiCalls.ByName.Keys] })
    {
        Map("init", InitAsync);
        Map("compute", ComputeAsync);
        foreach (var name in WasiCalls.ByName.Keys.Append("proc_exit")) Map(name, ImportAsync);
    }

    private static ValueTask<ResolveResult> InitAsync(Message state, Message request, ResolveContext ctx)
    {
        var library = WasmPaths.Join(WasmPaths.OutputPrefix(state), $"stdlib/{ModuleName}");
        var next = WasiFiles.Initialize(WasmPaths.Set(state, library, Message.Of(("device", DeviceName))));
        return ValueTask.FromResult(ResolveResult.Ok(next));
    }

    private static ValueTask<ResolveResult> ComputeAsync(Message state, Message request, ResolveContext ctx)
    {
        if (state.Get("pass") is AoInteger { Value: > 1 }) return ValueTask.FromResult(ResolveResult.Ok(WithOutput(state)));
        var timestampMs = request.Get("timestamp") switch
        {
            AoInteger t => Math.Max(0, t.Value),
            AoBinary b when long.TryParse(b.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var t) => t,
            _ => 0,
        };
        var slot = request.Get("slot") is AoInteger s ? s.Value : 0;
        var process = state.GetMessage("process") is { } p ? Core.Ids.MessageIds.All(p) : "";
        var next = WasiFiles.ClearOutput(state)
            .Set(WasiCalls.ClockKey, new AoInteger(timestampMs * 1_000_000))
            .Set(WasiCalls.SeedKey, $"{process}/{slot}")
            .Set(WasiCalls.OffsetKey, new AoInteger(0));
        return ValueTask.FromResult(ResolveResult.Ok(next));
    }

    private static Message WithOutput(Message state)
    {
        foreach (var (file, key) in (ReadOnlySpan<(string, string)>)[("/dev/stdout", "results/stdout"), ("/dev/stderr", "results/stderr")])
            if (WasiFiles.Lookup(state, file) is AoBinary { IsEmpty: false } written) state = WasmPaths.Set(state, key, written);
        return state;
    }

    /// <summary>An import call: the library message carries the process state in <c>state</c>.</summary>
    private static ValueTask<ResolveResult> ImportAsync(Message library, Message request, ResolveContext ctx)
    {
        var name = ctx.Key;
        if (library.GetMessage("state") is not { } state || request.Get("args") is not AoList list)
            return ValueTask.FromResult(ResolveResult.NotFound(name));
        var args = list.Items.Select(a => a is AoInteger i ? i.Value : 0L).ToArray();
        if (name == "proc_exit")
            return ValueTask.FromResult(WasmReplies.Failed(422, "exit", $"the module exited with code {(args.Length > 0 ? (int)args[0] : 0)}"));
        var call = WasiCalls.ByName[name];
        if (WasmImportScope.Current?.ImportMemory is not { } memory)
            return ValueTask.FromResult(WasmReplies.Failed(400, WasmErrorCodes.ImportFailed, $"{DeviceName}: {name} is answered only to a wasm instance calling it"));
        // A wasm32 module passes addresses as i32: read them unsigned.
        if (!memory.Is64Bit)
            for (var i = 0; i < args.Length; i++)
                if (list.Items[i] is AoInteger { Value: < 0 and >= int.MinValue } small) args[i] = (uint)small.Value;
        try
        {
            var (next, errno) = call(state, args, memory);
            return ValueTask.FromResult(Reply(next, errno));
        }
        catch (WasmImportException e)
        {
            return ValueTask.FromResult(WasmReplies.Failed(e.Failure));
        }
        catch (IndexOutOfRangeException)
        {
            return ValueTask.FromResult(WasmReplies.Failed(400, WasmErrorCodes.ImportFailed, $"{DeviceName}: {name} was called with too few arguments"));
        }
    }

    private static ResolveResult Reply(Message state, int errno) => ResolveResult.Ok(Message.Of(("state", state), ("results", AoList.Of(errno))));
}
