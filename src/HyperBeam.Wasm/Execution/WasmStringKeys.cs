using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// The keys through which another device of the stack puts strings into the instance and reads them back, as
/// HyperBEAM's <c>dev_wasm</c> leaves <c>write</c> and <c>read</c> functions in <c>priv/[prefix]/</c> for
/// <c>json-iface@1.0</c>:
/// <list type="bullet">
/// <item><c>write</c>: the request's <c>body</c>, NUL-terminated, into memory the module's own <c>malloc</c> gives →
/// <c>{pointer}</c>.</item>
/// <item><c>read</c>: the NUL-terminated string at the request's <c>pointer</c> (an integer, or a one-number list as
/// <c>results/[prefix]/output</c> holds it), at most <see cref="MaxStringBytes"/> → <c>{body}</c>.</item>
/// <item><c>free</c>: hands each of the request's <c>pointers</c> to the module's <c>free</c> (nothing when it exports
/// none) → <c>{freed}</c>.</item>
/// </list>
/// Imports the module makes meanwhile (a <c>malloc</c> that grows memory notifies the host) are answered as in
/// <c>compute</c>; what they do to the state is not kept.
/// </summary>
internal static class WasmStringKeys
{
    public const int MaxStringBytes = 16 << 20;

    public static async ValueTask<ResolveResult> WriteAsync(WasmInstanceTable instances, Message @base, Message request, ResolveContext ctx)
    {
        if (request.Get("body") is not AoBinary text)
            return WasmReplies.Failed(400, WasmErrorCodes.BadParameters, "write needs the string as 'body'");
        var (lease, state, failure) = await instances.AttachAsync(@base, ctx).ConfigureAwait(false);
        if (lease is null) return WasmReplies.Failed(failure!);
        using var _ = lease;
        var instance = lease.Instance;
        var bytes = new byte[text.Length + 1];
        text.Memory.Span.CopyTo(bytes);
        var (values, callFailure) = await instance.CallAsync("malloc", [new AoInteger(bytes.Length)], new WasmResolverImports(instance, state, ctx))
            .ConfigureAwait(false);
        if (callFailure is not null) return Failed(instances, instance, callFailure);
        var pointer = Pointer(values is [AoInteger p] ? p : null, instance);
        if (pointer is null or 0)
            return WasmReplies.Failed(507, WasmErrorCodes.MemoryLimit, $"the module's malloc found no room for {bytes.Length} bytes");
        if (await instance.WriteMemoryAsync(pointer.Value, bytes).ConfigureAwait(false) is { } writeFailure) return WasmReplies.Failed(writeFailure);
        return ResolveResult.Ok(Message.Of(("pointer", pointer.Value)));
    }

    public static async ValueTask<ResolveResult> ReadAsync(WasmInstanceTable instances, Message @base, Message request, ResolveContext ctx)
    {
        var (lease, _, failure) = await instances.AttachAsync(@base, ctx).ConfigureAwait(false);
        if (lease is null) return WasmReplies.Failed(failure!);
        using var _ = lease;
        var given = request.Get("pointer") switch
        {
            AoInteger i => i,
            AoList { Count: 1 } list => list.Items[0] as AoInteger,
            _ => null,
        };
        if (Pointer(given, lease.Instance) is not { } pointer || pointer == 0)
            return WasmReplies.Failed(400, WasmErrorCodes.BadParameters, "read needs a non-null 'pointer'");
        var (bytes, readFailure) = await lease.Instance.ReadCStringAsync(pointer, MaxStringBytes).ConfigureAwait(false);
        return bytes is null ? WasmReplies.Failed(readFailure!) : ResolveResult.Ok(Message.Of(("body", bytes)));
    }

    public static async ValueTask<ResolveResult> FreeAsync(WasmInstanceTable instances, Message @base, Message request, ResolveContext ctx)
    {
        var (lease, state, failure) = await instances.AttachAsync(@base, ctx).ConfigureAwait(false);
        if (lease is null) return WasmReplies.Failed(failure!);
        using var _ = lease;
        var instance = lease.Instance;
        if (!instance.Exports("free")) return ResolveResult.Ok(Message.Of(("freed", 0)));
        var freed = 0;
        foreach (var value in (request.Get("pointers") as AoList)?.Items ?? [])
        {
            if (Pointer(value as AoInteger, instance) is not { } pointer || pointer == 0) continue;
            var (_, callFailure) = await instance.CallAsync("free", [new AoInteger(pointer)], new WasmResolverImports(instance, state, ctx))
                .ConfigureAwait(false);
            if (callFailure is not null) return Failed(instances, instance, callFailure);
            freed++;
        }
        return ResolveResult.Ok(Message.Of(("freed", freed)));
    }

    /// <summary>An address as the module sees it: a wasm32 <c>i32</c> comes back signed, its address is unsigned.</summary>
    private static long? Pointer(AoInteger? value, WasmInstance instance) =>
        value is null ? null : instance.Is64Bit ? value.Value : (uint)value.Value;

    private static ResolveResult Failed(WasmInstanceTable instances, WasmInstance instance, WasmFailure failure)
    {
        if (failure.DiscardsInstance) instances.Discard(instance);
        return WasmReplies.Failed(failure);
    }
}
