using System.Collections.Immutable;
using HyperBeam.Cluster.Storage.Protocol;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Storage;

/// <summary>
/// Everything a store holds under one key, as changes another store can apply: read-repair copies a key whole, so
/// a message group arrives with all its children. Links are exported as links to their resolved targets.
/// </summary>
internal static class StoreExport
{
    private const int MaxEntries = 100_000;

    public static async Task<ImmutableArray<StoreChange>> ExportAsync(IStore store, string key, CancellationToken cancellationToken)
    {
        var changes = ImmutableArray.CreateBuilder<StoreChange>();
        await ExportAsync(store, StorePath.Parse(key), changes, cancellationToken).ConfigureAwait(false);
        return changes.ToImmutable();
    }

    private static async Task ExportAsync(IStore store, StorePath path, ImmutableArray<StoreChange>.Builder changes, CancellationToken cancellationToken)
    {
        if (changes.Count >= MaxEntries) return;
        var resolved = await store.ResolveAsync(path, cancellationToken).ConfigureAwait(false);
        if (!resolved.Equals(path))
        {
            // A link (or a path through one): recreate the link; its target is copied by the key that owns it.
            changes.Add(new StoreChange(StoreChangeKind.MakeLink, path.ToString(), Target: resolved.ToString()));
            return;
        }
        switch (await store.TypeAsync(path, cancellationToken).ConfigureAwait(false))
        {
            case StoreEntryType.Simple when await store.ReadAsync(path, cancellationToken).ConfigureAwait(false) is { } value:
                changes.Add(new StoreChange(StoreChangeKind.Write, path.ToString(), value));
                break;
            case StoreEntryType.Composite:
                changes.Add(new StoreChange(StoreChangeKind.MakeGroup, path.ToString()));
                foreach (var name in await store.ListAsync(path, cancellationToken).ConfigureAwait(false) ?? [])
                    await ExportAsync(store, path.Append(name), changes, cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
