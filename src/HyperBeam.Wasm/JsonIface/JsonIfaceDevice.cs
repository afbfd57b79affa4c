using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.Execution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.JsonIface;

/// <summary>
/// <c>json-iface@1.0</c> (HyperBEAM's <c>dev_json_iface</c>): the AO JSON interface for a module that
/// <c>wasm-64@1.0</c> runs in the same stack, in two passes (the stack ends with <c>multipass@1.0</c> and
/// <c>passes: 2</c>). The JSON it writes and reads is <see cref="AosCall"/>'s, the same as <c>genesis-wasm@1.0</c>'s.
/// <list type="bullet">
/// <item><c>init</c>: <c>function: handle</c>, and the process ID and environment fixed for the process's life. The
/// module ID (<c>Module</c> in the JSON, <c>from-image</c> in the outbox) is the process's <c>image</c>, else its
/// <c>module</c>.</item>
/// <item><c>compute</c>, pass 1: the AO message (the assignment's <c>body</c>, with <c>Module</c>,
/// <c>Block-Height</c> and <c>Timestamp</c>) and the environment as JSON strings into the module's memory through
/// <c>wasm-64@1.0</c>'s <c>write</c>; their addresses become <c>parameters</c>, so the wasm device calls
/// <c>handle(message, env)</c>.</item>
/// <item><c>compute</c>, pass 2: the string at <c>results/[output-prefix]/output</c> read back (<c>read</c>) and turned
/// into <c>results</c> (<c>data</c>, <c>outbox</c> for push@1.0, <c>json</c>, <c>error</c>, <c>type</c>), merged over
/// what the other devices put there; the two strings are freed.</item>
/// </list>
/// </summary>
public sealed class JsonIfaceDevice : Device
{
    public const string DeviceName = "json-iface@1.0";

    /// <summary>The device that runs the module and answers <c>write</c>, <c>read</c> and <c>free</c>.</summary>
    private const string Executor = WasmDevice.DeviceName;

    public JsonIfaceDevice()
        : base(DeviceName, new DeviceInfo { Exports = ["init", "compute"] })
    {
        Map("init", InitAsync);
        Map("compute", ComputeAsync);
    }

    private static ValueTask<ResolveResult> InitAsync(Message state, Message request, ResolveContext ctx)
    {
        var (process, moduleId, failure) = ProcessOf(state);
        return ValueTask.FromResult(failure ?? ResolveResult.Ok(AosCall.Fix(state, process!, moduleId!).Set("function", "handle")));
    }

    private static ValueTask<ResolveResult> ComputeAsync(Message state, Message request, ResolveContext ctx) =>
        state.Get("pass") switch
        {
            null or AoInteger { Value: 1 } => PrepareAsync(state, request, ctx),
            AoInteger { Value: 2 } => ResultsAsync(state, ctx),
            _ => ValueTask.FromResult(ResolveResult.Ok(state)),
        };

    private static async ValueTask<ResolveResult> PrepareAsync(Message state, Message request, ResolveContext ctx)
    {
        var (process, moduleId, failure) = ProcessOf(state);
        if (failure is not null) return failure.Value;
        var call = AosCall.Of(state, process!, moduleId!, request);
        var (messagePointer, messageFailure) = await WriteAsync(state, call.MessageJson, ctx).ConfigureAwait(false);
        if (messageFailure is not null) return messageFailure.Value;
        var (environmentPointer, environmentFailure) = await WriteAsync(state, call.EnvironmentJson, ctx).ConfigureAwait(false);
        if (environmentFailure is not null) return environmentFailure.Value;
        return ResolveResult.Ok(state.Set("function", "handle").Set("parameters", AoList.Of(messagePointer!, environmentPointer!)));
    }

    private static async ValueTask<ResolveResult> ResultsAsync(Message state, ResolveContext ctx)
    {
        var (process, moduleId, failure) = ProcessOf(state);
        if (failure is not null) return failure.Value;
        var prefix = WasmPaths.Join("results", WasmPaths.OutputPrefix(state));
        var earlier = state.GetMessage("results") ?? Message.Empty;
        Message results;
        if (WasmPaths.Get(state, $"{prefix}/type") is not AoBinary { Text: "ok" })
            results = AosJsonResult.Failed("WASM execution error: the module did not run to completion");
        else
        {
            var read = await ctx.ResolveAsync(On(state), Message.Of(("path", "read"), ("pointer", WasmPaths.Get(state, $"{prefix}/output")!)))
                .ConfigureAwait(false);
            if (!read.IsOk || (read.Value as Message)?.Get("body") is not AoBinary text) return read.IsOk ? ResolveResult.Error("read returned no string") : read;
            // The same reading as genesis-wasm@1.0's, so both give the same results for the same answer.
            results = AosCall.Results(text.Text, AosCall.ProcessIdOf(state, process!), moduleId!);
        }
        if (state.Get("parameters") is AoList written)
        {
            var freed = await ctx.ResolveAsync(On(state), Message.Of(("path", "free"), ("pointers", written))).ConfigureAwait(false);
            if (!freed.IsOk) return freed;
        }
        return ResolveResult.Ok(state.Remove("parameters").Set("results", earlier.Merge(results)));
    }

    /// <summary>The state as the executing device sees it: its instance is named in the state's private part.</summary>
    private static Message On(Message state) => state.Set("device", Executor);

    private static async ValueTask<(AoValue?, ResolveResult?)> WriteAsync(Message state, byte[] terminated, ResolveContext ctx)
    {
        var text = new AoBinary(terminated.AsMemory(0, terminated.Length - 1).ToArray());
        var written = await ctx.ResolveAsync(On(state), Message.Of(("path", "write"), ("body", text))).ConfigureAwait(false);
        if (!written.IsOk) return (null, written);
        return (written.Value as Message)?.Get("pointer") is AoInteger pointer
            ? (pointer, null)
            : (null, ResolveResult.Error($"{Executor}'s write answered no pointer"));
    }

    /// <summary>The process (the state's <c>process</c>, else the state) and its module: <c>image</c>, else <c>module</c>.</summary>
    private static (Message? Process, string? ModuleId, ResolveResult? Failure) ProcessOf(Message state)
    {
        var process = state.GetMessage("process") ?? state;
        if ((process.GetText("image") ?? process.GetText("module")) is not { Length: > 0 } moduleId)
            return (null, null, WasmReplies.Failed(400, WasmErrorCodes.NoImage, $"{DeviceName}: the process names no image (or module)"));
        return (process, moduleId, null);
    }
}
