using System.Globalization;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// Finds and makes the instances of one device from state messages. A state names its instance in
/// <c>priv/[output-prefix]/instance</c> (HyperBEAM keeps the instance itself there); a new instance takes the process
/// ID as its key when there is a <c>process</c>, so a caller that lost the private part still finds it. On a device a
/// process's compute worker owns, the process's instance is the process's own: one per process, never evicted. Every
/// other instance is pooled (see <see cref="WasmLiveInstances"/>). Attaching leases the instance for the call.
/// </summary>
internal sealed class WasmInstanceTable(WasmRuntime runtime, bool processesOwnInstances) : IDisposable
{
    private readonly WasmLiveInstances _live = new(runtime.Options);

    public int Count => _live.Count;

    /// <summary>Calls using an instance right now.</summary>
    public int Leases => _live.Leases;

    /// <summary>
    /// HyperBEAM's <c>normalize</c>: the instance the state names; else a fresh one restored from the state's
    /// <c>snapshot/[device-key]/body</c>; else the process's live instance. The state comes back naming its instance,
    /// without <c>snapshot</c>; the caller disposes the lease when its call is done.
    /// </summary>
    public async ValueTask<(WasmLease? Lease, Message State, WasmFailure? Failure)> AttachAsync(Message @base, ResolveContext ctx)
    {
        var named = @base.Priv.GetText(WasmPaths.InstanceKey(@base));
        if (named is not null && _live.Lease(named) is { } current) return (current, @base.Remove("snapshot"), null);
        var processKey = ProcessKey(@base);
        if (Snapshot(@base) is { } snapshot)
        {
            var (key, owned) = KeyFor(named, processKey);
            var (restored, failure) = await StartAsync(@base, key, owned, ctx).ConfigureAwait(false);
            if (restored is null) return (null, @base, failure);
            if (await restored.Instance.RestoreAsync(snapshot.Memory).ConfigureAwait(false) is { } restoreFailure)
            {
                _live.Discard(restored.Instance);
                restored.Dispose();
                return (null, @base, restoreFailure);
            }
            return (restored, Named(@base.Remove("snapshot"), key), null);
        }
        if (processKey is not null && _live.Lease(processKey) is { } running) return (running, Named(@base, processKey), null);
        return (null, @base, new WasmFailure(400, WasmErrorCodes.NoInstance,
            "no wasm instance or snapshot for this state: resolve 'init' first (or pass a 'snapshot')"));
    }

    /// <summary>
    /// Loads and instantiates the base's image, replacing the instance the base names (else the process's; a new key
    /// when there is neither). A process that owns its instance always keys it by the process, so it has one.
    /// </summary>
    public async ValueTask<(WasmInstance? Instance, Message State, WasmFailure? Failure)> InitAsync(Message @base, ResolveContext ctx)
    {
        var (key, owned) = KeyFor(@base.Priv.GetText(WasmPaths.InstanceKey(@base)), ProcessKey(@base));
        var (lease, failure) = await StartAsync(@base, key, owned, ctx).ConfigureAwait(false);
        lease?.Dispose();
        return (lease?.Instance, Named(@base, key), failure);
    }

    /// <summary>Drops <paramref name="instance"/> (after a trap or on terminate) and frees its store and thread.</summary>
    public void Discard(WasmInstance instance) => _live.Discard(instance);

    /// <summary>The live instance a state names or its process runs, without creating one.</summary>
    public WasmInstance? Existing(Message @base) =>
        (@base.Priv.GetText(WasmPaths.InstanceKey(@base)) is { } named ? _live.Find(named) : null)
        ?? (ProcessKey(@base) is { } processKey ? _live.Find(processKey) : null);

    /// <summary>A lease on the live instance a state names or its process runs, without creating one.</summary>
    public WasmLease? LeaseExisting(Message @base) =>
        (@base.Priv.GetText(WasmPaths.InstanceKey(@base)) is { } named ? _live.Lease(named) : null)
        ?? (ProcessKey(@base) is { } processKey ? _live.Lease(processKey) : null);

    public static Message Named(Message state, string key) =>
        state.WithPriv(state.Priv.Set(WasmPaths.InstanceKey(state), key));

    public void Dispose() => _live.Dispose();

    private (string Key, bool Owned) KeyFor(string? named, string? processKey) =>
        processesOwnInstances && processKey is not null ? (processKey, true) : (named ?? processKey ?? NewKey(), false);

    private async ValueTask<(WasmLease?, WasmFailure?)> StartAsync(Message @base, string key, bool owned, ResolveContext ctx)
    {
        var (image, missing) = await WasmImageSource.LoadAsync(@base, ctx).ConfigureAwait(false);
        if (missing is not null) return (null, missing);
        var compiled = runtime.Compile(image);
        if (compiled.Module is null)
            return (null, new WasmFailure(400, WasmErrorCodes.BadImage, $"the image is not a valid wasm module: {compiled.Error}"));
        var (instance, failure) = await WasmInstance.StartAsync(key, compiled, runtime).ConfigureAwait(false);
        return instance is null ? (null, failure) : (_live.Add(instance, owned), null);
    }

    private static AoBinary? Snapshot(Message @base)
    {
        // A stack names the device by its key: text in its map mode (snapshot), a number in its fold (normalize).
        var deviceKey = @base.Get("device-key") switch
        {
            AoBinary text => text.Text,
            AoInteger number => number.Value.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
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
