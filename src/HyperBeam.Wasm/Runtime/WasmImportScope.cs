using System.Collections.Immutable;

namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// The instances whose imports are being answered in the current async flow. An import that resolves into a call on
/// the same instance would wait for a thread that is itself waiting for the import: that call is refused instead.
/// The innermost one is <see cref="Current"/>: a library device answering an import (<c>wasi@1.0</c>) reads and
/// writes its memory, as HyperBEAM's libraries use the instance in <c>priv</c>.
/// </summary>
internal static class WasmImportScope
{
    private static readonly AsyncLocal<ImmutableHashSet<WasmInstance>?> Answering = new();
    private static readonly AsyncLocal<WasmInstance?> Innermost = new();

    public static bool IsAnswering(WasmInstance instance) => Answering.Value?.Contains(instance) == true;

    /// <summary>The instance whose import this async flow answers; null outside an import.</summary>
    public static WasmInstance? Current => Innermost.Value;

    /// <summary>Marks the rest of the calling async method (and what it awaits) as answering <paramref name="instance"/>.</summary>
    public static void Enter(WasmInstance instance)
    {
        Answering.Value = (Answering.Value ?? ImmutableHashSet<WasmInstance>.Empty).Add(instance);
        Innermost.Value = instance;
    }
}
