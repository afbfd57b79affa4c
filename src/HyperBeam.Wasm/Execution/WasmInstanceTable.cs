using System.Collections.Concurrent;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// The live instances of one device, by key. A state message names its instance in
/// <c>priv/[output-prefix]/instance</c> (HyperBEAM keeps the instance itself there); a new instance takes the
/// process ID as its key when there is a <c>process</c>, so a caller that lost the private part still finds it.
/// </summary>
internal sealed class WasmInstanceTable(WasmRuntime runtime) : IDisposable
{
    private readonly ConcurrentDictionary<string, WasmInstance> _live = new(StringComparer.Ordinal);

    public int Count => _live.Count;

    /// <summary>
    /// HyperBEAM's <c>normalize</c>: the instance the state names; else a fresh one restored from the state's
    /// <c>snapshot/[device-key]/body</c>; else the process's live instance. The state comes back naming its instance,
    /// without <c>snapshot</c>.
    /// </summary>
    public async ValueTask<(WasmInstance? Instance, Message State, WasmFailure? Failure)> AttachAsync(Message @base, ResolveContext ctx)
    {
        var named = @base.Priv.GetText(WasmPaths.InstanceKey(@base));
        if (named is not null && Find(named) is { } current) return (current, @base.Remove("snapshot"), null);
        var processKey = ProcessKey(@base);
        if (Snapshot(@base) is { } snapshot)
        {
            var key = named ?? processKey ?? NewKey();
            var (restored, failure) = await StartAsync(@base, key, ctx).ConfigureAwait(false);
            if (restored is null) return (null, @base, failure);
            if (await restored.RestoreAsync(snapshot.Memory).ConfigureAwait(false) is { } restoreFailure)
            {
                Discard(restored);
                return (null, @base, restoreFailure);
            }
            return (restored, Named(@base.Remove("snapshot"), key), null);
        }
        if (processKey is not null && Find(processKey) is { } running) return (running, Named(@base, processKey), null);
        return (null, @base, new WasmFailure(400, WasmErrorCodes.NoInstance,
            "no wasm instance or snapshot for this state: resolve 'init' first (or pass a 'snapshot')"));
    }

    /// <summary>
    /// Loads and instantiates the base's image, replacing the instance the base names (else the process's; a new key
    /// when there is neither).
    /// </summary>
    public async ValueTask<(WasmInstance? Instance, Message State, WasmFailure? Failure)> InitAsync(Message @base, ResolveContext ctx)
    {
        var key = @base.Priv.GetText(WasmPaths.InstanceKey(@base)) ?? ProcessKey(@base) ?? NewKey();
        var (instance, failure) = await StartAsync(@base, key, ctx).ConfigureAwait(false);
        return (instance, Named(@base, key), failure);
    }

    /// <summary>Drops <paramref name="instance"/> (after a trap or on terminate) and frees its store and thread.</summary>
    public void Discard(WasmInstance instance)
    {
        _live.TryRemove(new KeyValuePair<string, WasmInstance>(instance.Key, instance));
        instance.Dispose();
    }

    /// <summary>The live instance a state names or its process runs, without creating one.</summary>
    public WasmInstance? Existing(Message @base) =>
        (@base.Priv.GetText(WasmPaths.InstanceKey(@base)) is { } named ? Find(named) : null)
        ?? (ProcessKey(@base) is { } processKey ? Find(processKey) : null);

    public static Message Named(Message state, string key) =>
        state.WithPriv(state.Priv.Set(WasmPaths.InstanceKey(state), key));

    public void Dispose()
    {
        foreach (var instance in _live.Values) instance.Dispose();
        _live.Clear();
    }

    private WasmInstance? Find(string key) =>
        _live.TryGetValue(key, out var instance) && !instance.IsDiscarded ? instance : null;

    private async ValueTask<(WasmInstance?, WasmFailure?)> StartAsync(Message @base, string key, ResolveContext ctx)
    {
        var (image, missing) = await WasmImageSource.LoadAsync(@base, ctx).ConfigureAwait(false);
        if (missing is not null) return (null, missing);
        var compiled = runtime.Compile(image);
        if (compiled.Module is null)
            return (null, new WasmFailure(400, WasmErrorCodes.BadImage, $"the image is not a valid wasm module: {compiled.Error}"));
        var (instance, failure) = await WasmInstance.StartAsync(key, compiled, runtime).ConfigureAwait(false);
        if (instance is null) return (null, failure);
        if (_live.TryGetValue(key, out var replaced)) Discard(replaced);
        _live[key] = instance;
        return (instance, null);
    }

    private static AoBinary? Snapshot(Message @base)
    {
        var deviceKey = @base.GetText("device-key");
        var path = deviceKey is null ? "snapshot/body" : $"snapshot/{deviceKey}/body";
        return WasmPaths.Get(@base, path) as AoBinary;
    }

    private static string? ProcessKey(Message @base)
    {
        try
        {
            return @base.Get("process") switch
            {
                Message process => MessageIds.All(process),
                AoBinary id when id.IsUtf8 && !id.IsEmpty => id.Text,
                _ => null,
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
