using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Storage.Caching;

/// <summary>
/// The resolver's cache over a <see cref="MessageCache"/> (HyperBEAM's <c>hb_cache_control:maybe_lookup</c> and
/// <c>maybe_store</c>). Policy per call from <see cref="CacheControl"/>: the node's <c>cache_control</c> option beats
/// the base (lookup) or result (store), which beat the request. Results are keyed by the hashpath of
/// <c>(base, request)</c>, so a lookup reads exactly what a store wrote.
/// A store that fails is logged and skipped, never a failed resolution: the result was computed correctly.
/// </summary>
public sealed class StoreResolutionCache(MessageCache cache, ILogger<StoreResolutionCache>? log = null) : IResolutionCache
{
    /// <summary>The body of an <c>only-if-cached</c> miss, as HyperBEAM words it.</summary>
    public const string NotCachedBody = "Computed result not available in cache.";

    public MessageCache Cache { get; } = cache ?? throw new ArgumentNullException(nameof(cache));

    public async ValueTask<ResolveResult?> LookupAsync(Message @base, Message request, ResolveOptions options, CancellationToken cancellationToken)
    {
        var settings = ControlFor(options).Derive(@base, request);
        if (!settings.Lookup) return null;
        if (!Hashpath.TryAppend(@base, request, out var hashpath, out _)) return null;
        AoValue? hit;
        try
        {
            hit = await Cache.ReadResultAsync(hashpath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreException or FormatException or InvalidStorePathException)
        {
            log?.LogWarning(e, "cache lookup of {Hashpath} failed; computing instead", hashpath);
            hit = null;
        }
        if (hit is Message message)
            // The hit carries the hashpath it was found under, as a computed result would after stage 9.
            return ResolveResult.Ok(options.Hashpath == HashpathMode.Update ? message.WithPriv(message.Priv.Set(Hashpath.PrivateKey, hashpath)) : message);
        if (hit is not null) return ResolveResult.Ok(hit);
        return settings.OnlyIfCached ? NotCached() : null;
    }

    public async ValueTask StoreAsync(Message @base, Message request, ResolveResult result, ResolveOptions options, CancellationToken cancellationToken)
    {
        // HyperBEAM caches only messages and binaries (`cannot_write_result` otherwise).
        if (!result.IsOk || result.Value is not (Message or AoBinary)) return;
        if (!ControlFor(options).ShouldStore(request, result.Value)) return;
        if (!Hashpath.TryAppend(@base, request, out var hashpath, out _)) return;
        try
        {
            // As HyperBEAM: both inputs too, so the hashpath's parts can be read back by ID.
            await Cache.WriteAsync(@base, cancellationToken).ConfigureAwait(false);
            await Cache.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            await Cache.WriteResultAsync(hashpath, result.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreException or FormatException or ArgumentException or InvalidOperationException)
        {
            log?.LogWarning(e, "caching the result at {Hashpath} failed; it is served uncached", hashpath);
        }
    }

    /// <summary>
    /// The message, or null when every store answered that it has none. The chain throws only when no store hit and
    /// one failed, so a failure here means the message may exist where it could not be read.
    /// </summary>
    /// <exception cref="MessageUnavailableException">A store failed (unreachable, corrupt) and none held the message.</exception>
    public async ValueTask<Message?> LoadAsync(string id, ResolveOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await Cache.ReadAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidStorePathException)
        {
            // Not a path any store could hold: nothing to find.
            return null;
        }
        catch (Exception e) when (e is StoreException or FormatException)
        {
            log?.LogWarning(e, "loading message {Id} from the cache failed", id);
            throw new MessageUnavailableException(id, e is StoreException s ? s.Message : $"its stored form does not decode: {e.Message}", e);
        }
    }

    /// <summary>The node's own directives: its <c>cache_control</c> option, with storing off when hashpaths are ignored.</summary>
    public static CacheControl ControlFor(ResolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var node = options.Node.Get("cache_control") ?? options.Node.Get(CacheDirectives.Key);
        var ignored = options.Hashpath == HashpathMode.Ignore;
        // Asked twice per resolution step (lookup, store) with the same option value, by steps that record hashpaths
        // and internal ones that do not: the policy is a pure function of that immutable value and the mode, so the
        // last one built for each mode is reused for the very same instance.
        var slot = ignored ? 1 : 0;
        if (Volatile.Read(ref LastControls[slot]) is { } last && ReferenceEquals(last.Option, node)) return last.Control;
        var control = new CacheControl(CacheDirectives.From(node), hashpathIgnored: ignored);
        Volatile.Write(ref LastControls[slot], new NodeControl(node, control));
        return control;
    }

    private static readonly NodeControl?[] LastControls = new NodeControl?[2];

    private sealed record NodeControl(AoValue? Option, CacheControl Control);

    /// <summary>HyperBEAM's <c>only_if_cached_not_found_error</c>: status 504 with <c>cache-status: miss</c>.</summary>
    public static ResolveResult NotCached() =>
        new(ResolveStatus.Error,
            Message.Of(("status", 504), ("cache-status", "miss"), ("body", NotCachedBody)),
            NotCachedBody, ResolveErrorCodes.NotCached);
}
