using HyperBeam.Core.Messages;
using HyperBeam.Core.Observability;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Hosting.Modules.Observability;

/// <summary>
/// Counts the resolution cache's answers as store hits and misses (<see cref="HyperBeamMetrics"/>): a load by ID is a
/// hit or a miss; a result lookup counts only its hits, because a lookup that finds nothing is as often one the
/// cache-control policy skipped (no store read at all). Wraps the node's cache; changes no answer.
/// </summary>
public sealed class CountingResolutionCache(IResolutionCache inner) : IResolutionCache
{
    public async ValueTask<ResolveResult?> LookupAsync(Message @base, Message request, ResolveOptions options, CancellationToken cancellationToken)
    {
        var found = await inner.LookupAsync(@base, request, options, cancellationToken).ConfigureAwait(false);
        if (found is { IsOk: true }) HyperBeamMetrics.StoreHit();
        return found;
    }

    public ValueTask StoreAsync(Message @base, Message request, ResolveResult result, ResolveOptions options, CancellationToken cancellationToken) =>
        inner.StoreAsync(@base, request, result, options, cancellationToken);

    public async ValueTask<Message?> LoadAsync(string id, ResolveOptions options, CancellationToken cancellationToken)
    {
        var message = await inner.LoadAsync(id, options, cancellationToken).ConfigureAwait(false);
        if (message is null) HyperBeamMetrics.StoreMiss();
        else HyperBeamMetrics.StoreHit();
        return message;
    }
}
