using System.Collections.Immutable;
using Akka.Actor;
using HyperBeam.Cluster.Storage.Protocol;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Storage;

/// <summary>
/// The cluster's store as an <see cref="IStore"/>, for the node's store chain: every call goes through the
/// <c>store</c> shard region to the shard that owns the path's key, on whichever node that is, so any node serves
/// any message. Links that lead into another shard's keys are followed there.
/// <para>
/// A batch is split by key and applied shard by shard, so unlike RocksDB it is not atomic across keys (within one
/// key it is). <see cref="ResetAsync"/> is refused: one node must not wipe the cluster.
/// </para>
/// </summary>
public sealed class ClusterStore(IActorRef region, TimeSpan askTimeout, int maxLinkHops = 64) : IStore
{
    public string Name => "cluster:store";

    public StoreScope Scope => StoreScope.Local;

    public bool IsWritable => true;

    public async ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default) =>
        (await QueryAsync(StoreQueryKind.Read, path, cancellationToken).ConfigureAwait(false)).Value;

    public async ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default) =>
        (await QueryAsync(StoreQueryKind.Type, path, cancellationToken).ConfigureAwait(false)).Type;

    public async ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default) =>
        (await QueryAsync(StoreQueryKind.List, path, cancellationToken).ConfigureAwait(false)).Names;

    public async ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default) =>
        StorePath.Parse((await QueryAsync(StoreQueryKind.Resolve, path, cancellationToken).ConfigureAwait(false)).Resolved);

    public ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        ApplyAsync(new StoreBatch().Write(path, value), cancellationToken);

    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default) =>
        ApplyAsync(new StoreBatch().MakeGroup(path), cancellationToken);

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) =>
        existing.Equals(link) ? ValueTask.CompletedTask : ApplyAsync(new StoreBatch().MakeLink(existing, link), cancellationToken);

    public async ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var byKey = batch.Select(StoreChange.From).GroupBy(c => StoreKeys.KeyOf(StorePath.Parse(c.Path)));
        var replies = await Task.WhenAll(byKey.Select(g => AskAsync(new StoreApply(g.Key, [.. g]), StorePath.Parse(g.First().Path), cancellationToken))).ConfigureAwait(false);
        foreach (var reply in replies)
        {
            if (reply is StoreFailed failed) throw new StoreException(Name, StorePath.Parse(failed.Key), StoreErrorKind.Remote, failed.Reason);
        }
    }

    public ValueTask ResetAsync(CancellationToken cancellationToken = default) =>
        throw new StoreException(Name, null, StoreErrorKind.ReadOnly, "a cluster store is not reset from one node; reset each node's own backend");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => Name;

    private async Task<StoreAnswer> QueryAsync(StoreQueryKind kind, StorePath path, CancellationToken cancellationToken)
    {
        var current = path;
        for (var hop = 0; hop <= maxLinkHops; hop++)
        {
            switch (await AskAsync(new StoreQuery(StoreKeys.KeyOf(current), kind, current.ToString()), path, cancellationToken).ConfigureAwait(false))
            {
                case StoreAnswer answer:
                    return answer;
                case StoreRedirect redirect:
                    current = StorePath.Parse(redirect.Path);
                    break;
                case StoreFailed failed:
                    throw new StoreException(Name, path, StoreErrorKind.Remote, failed.Reason);
                case var other:
                    throw new StoreException(Name, path, StoreErrorKind.Remote, $"unexpected reply {other?.GetType().Name ?? "null"}");
            }
        }
        throw new StoreException(Name, path, StoreErrorKind.LinkDepthExceeded, $"links crossed shards more than {maxLinkHops} times");
    }

    private async Task<object> AskAsync(IStoreShardCommand command, StorePath path, CancellationToken cancellationToken)
    {
        try
        {
            return await region.Ask<object>(command, askTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new StoreException(Name, path, StoreErrorKind.Remote, $"the shard of key '{command.Key}' did not answer within {askTimeout}", e);
        }
    }
}
