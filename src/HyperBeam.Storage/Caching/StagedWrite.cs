namespace HyperBeam.Storage.Caching;

/// <summary>
/// One write of the message cache being put together: the batch, what it already holds, and the links from
/// commitment IDs, which go in last, after every group of the write, and only where they orphan nothing.
/// </summary>
internal sealed class StagedWrite
{
    private readonly HashSet<StorePath> _binaries = [];
    private readonly HashSet<StorePath> _groups = [];
    private readonly Dictionary<StorePath, StorePath> _idLinks = [];
    private readonly List<StorePath> _idOrder = [];

    public StoreBatch Batch { get; } = new();

    /// <summary>True the first time this write meets the binary at <paramref name="path"/>.</summary>
    public bool AddBinary(StorePath path) => _binaries.Add(path);

    public void MakeGroup(StorePath group)
    {
        if (_groups.Add(group)) Batch.MakeGroup(group);
    }

    /// <summary>
    /// Asks for <paramref name="id"/> to name the message stored at <paramref name="group"/>. When several messages of
    /// one write carry the same commitment, the first staged keeps it: nested messages are staged before the message
    /// around them, and an outer message carrying an inner one's commitments (a process state carrying its process's)
    /// holds a copy, not the message that was signed.
    /// </summary>
    public void LinkId(StorePath group, StorePath id)
    {
        if (_idLinks.TryAdd(id, group)) _idOrder.Add(id);
    }

    /// <summary>
    /// Appends the ID links to the batch, leaving out every ID that names a group, in this write or in the store:
    /// a group at an ID is a message stored under its own unsigned ID, which a commitment ID copied onto some other
    /// message must not replace (the store refuses to orphan a group's children, and would be right to).
    /// </summary>
    public async ValueTask LinkIdsAsync(IStore store, CancellationToken cancellationToken)
    {
        foreach (var id in _idOrder)
        {
            var group = _idLinks[id];
            if (id == group || _groups.Contains(id) || await IsGroupAsync(store, id, cancellationToken).ConfigureAwait(false)) continue;
            Batch.MakeLink(group, id);
        }
    }

    /// <summary>A group at exactly this path: composite, and not reached through a link.</summary>
    private static async ValueTask<bool> IsGroupAsync(IStore store, StorePath path, CancellationToken cancellationToken) =>
        await store.TypeAsync(path, cancellationToken).ConfigureAwait(false) == StoreEntryType.Composite
        && await store.ResolveAsync(path, cancellationToken).ConfigureAwait(false) == path;
}
