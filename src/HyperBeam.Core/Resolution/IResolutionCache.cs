using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// Where the resolver keeps computed results and loads messages by ID (HyperBEAM's <c>hb_cache</c> with
/// <c>hb_cache_control</c>). Core only asks; the policy and the store live in the implementation (HyperBeam.Storage),
/// so Core stays free of any storage dependency. Implementations must not throw for a store problem when looking up
/// or storing results: a cache that cannot answer is a miss, a cache that cannot write skips the write. Loading a
/// message by ID is different: "no store holds it" (null) and "a store could not answer" (an exception) lead to
/// different answers, 404 and 503.
/// </summary>
public interface IResolutionCache
{
    /// <summary>
    /// Stage 2: a cached result of <paramref name="request"/> on <paramref name="base"/>, or null to compute it.
    /// A non-null non-ok result (e.g. status 504 for an <c>only-if-cached</c> miss) answers instead of computing.
    /// </summary>
    ValueTask<ResolveResult?> LookupAsync(Message @base, Message request, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>Stage 10: caches an ok result when the cache-control sources say so.</summary>
    ValueTask StoreAsync(Message @base, Message request, ResolveResult result, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>The message with this ID (unsigned or any commitment ID), or null when no store holds it.</summary>
    /// <exception cref="MessageUnavailableException">No store held it and one of them failed or could not be reached.</exception>
    ValueTask<Message?> LoadAsync(string id, ResolveOptions options, CancellationToken cancellationToken);
}
