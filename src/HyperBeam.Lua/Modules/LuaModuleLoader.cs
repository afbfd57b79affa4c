using System.Collections.Concurrent;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Results;

namespace HyperBeam.Lua.Modules;

/// <summary>
/// Finds the Lua modules of a base message (dev_lua's <c>find_modules</c>/<c>load_modules</c>). Its <c>module</c> key
/// may hold: an ID (loaded from the resolution cache), inline Lua source, a message carrying the source in
/// <c>body</c> or <c>data</c> (content-type <c>application/lua</c> or <c>text/x-lua</c>), a message of such modules
/// (loaded in key order), or a list of any of these (loaded in order).
/// Modules loaded by ID are remembered: an ID names immutable content.
/// </summary>
internal sealed class LuaModuleLoader
{
    private readonly ConcurrentDictionary<string, LuaModule> _byId = new(StringComparer.Ordinal);

    public async ValueTask<(LuaModuleSet? Modules, ResolveResult Error)> LoadAsync(Message @base, ResolveContext context)
    {
        if (@base.Get("module") is not { } spec) return (null, LuaReplies.Status(404, "no-modules-found: the base message has no 'module' key"));
        var modules = new List<LuaModule>();
        var error = await CollectAsync(spec, modules, context, nesting: 0).ConfigureAwait(false);
        if (error is { } failed) return (null, failed);
        if (modules.Count == 0) return (null, LuaReplies.Status(404, "no-modules-found: the 'module' key holds no Lua module"));
        return (new LuaModuleSet(modules, ExtraSandboxedNames(@base)), default);
    }

    private async ValueTask<ResolveResult?> CollectAsync(AoValue spec, List<LuaModule> modules, ResolveContext context, int nesting)
    {
        if (nesting > 8) return LuaReplies.Status(400, "Lua modules nest too deeply");
        switch (spec)
        {
            case AoBinary reference when IsId(reference):
                var id = reference.Text;
                if (_byId.TryGetValue(id, out var known))
                {
                    modules.Add(known);
                    return null;
                }
                var cache = context.Options.Cache;
                var loaded = cache is null ? null : await cache.LoadAsync(id, context.Options, context.CancellationToken).ConfigureAwait(false);
                if (loaded is null)
                    return LuaReplies.Status(404, cache is null ? $"Lua module '{id}' not found: the node has no cache to load it from." : $"Lua module '{id}' not found.");
                if (Source(loaded) is not { } source)
                    return LuaReplies.Status(422, $"Lua module '{id}' is not loadable: it has no binary 'body' or 'data' with the code.");
                var module = new LuaModule(Name(loaded) ?? id, source);
                _byId.TryAdd(id, module);
                modules.Add(module);
                return null;
            case AoBinary inline:
                modules.Add(new LuaModule($"module-{modules.Count + 1}", inline.Memory));
                return null;
            case Message message when IsModule(message):
                if (Source(message) is not { } code)
                    return LuaReplies.Status(422, "Lua module not loadable: Lua modules must have a 'body' (or 'data') set to a binary of the code to load.");
                modules.Add(new LuaModule(Name(message) ?? $"module-{modules.Count + 1}", code));
                return null;
            case Message map:
                foreach (var (_, value) in map)
                    if (await CollectAsync(value, modules, context, nesting + 1).ConfigureAwait(false) is { } failed) return failed;
                return null;
            case AoList list:
                foreach (var item in list)
                    if (await CollectAsync(item, modules, context, nesting + 1).ConfigureAwait(false) is { } failed) return failed;
                return null;
            default:
                return LuaReplies.Status(400, $"a Lua module cannot be a {spec.TypeName}");
        }
    }

    /// <summary>A message is one module when it says it is Lua, or carries code without saying anything else.</summary>
    private static bool IsModule(Message message) =>
        message.GetText("content-type") is { } type
            ? type.StartsWith("application/lua", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/x-lua", StringComparison.OrdinalIgnoreCase)
            : Source(message) is not null;

    // The cast matters: a bare null would convert to an empty ReadOnlyMemory through byte[].
    private static ReadOnlyMemory<byte>? Source(Message message) =>
        (message.Get("body") ?? message.Get("data")) is AoBinary code ? code.Memory : (ReadOnlyMemory<byte>?)null;

    private static string? Name(Message message) => message.GetText("name") ?? message.GetText("id");

    /// <summary>A 43-character base64url binary: HyperBEAM's <c>?IS_ID</c> for human-readable IDs.</summary>
    private static bool IsId(AoBinary value)
    {
        if (value.Length != 43) return false;
        foreach (var b in value.Span)
            if (!(b is >= (byte)'a' and <= (byte)'z' || b is >= (byte)'A' and <= (byte)'Z' || b is >= (byte)'0' and <= (byte)'9' || b == '-' || b == '_'))
                return false;
        return true;
    }

    /// <summary>A base message may hide more names (a list of dotted names); it can never unhide any.</summary>
    private static IReadOnlyList<string> ExtraSandboxedNames(Message @base) => @base.Get("sandbox") switch
    {
        AoList names => [.. names.OfType<AoBinary>().Select(n => n.Text).Where(n => n.Length > 0)],
        Message names => [.. names.Entries.ToArray().Select(e => e.Value).OfType<AoBinary>().Select(n => n.Text).Where(n => n.Length > 0)],
        _ => [],
    };
}
