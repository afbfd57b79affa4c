namespace HyperBeam.Storage;

/// <summary>
/// The entries written so far in a commit group, seen over the database: later operations of the same group
/// (a link into a group made just before) must see earlier ones, which RocksDB will only hold after the commit.
/// One caller's batch can be rolled back without disturbing the others in the group.
/// </summary>
internal sealed class BatchOverlay(Func<StorePath, StoreNode> database) : IStoreNodes
{
    private readonly Dictionary<StorePath, StoreNode> _pending = [];
    private readonly List<(StorePath Path, StoreNode? Before)> _undo = [];

    public StoreNode Peek(StorePath path) => _pending.TryGetValue(path, out var node) ? node : database(path);

    public void Set(StorePath path, StoreNode node)
    {
        _undo.Add((path, _pending.TryGetValue(path, out var before) ? before : null));
        _pending[path] = node;
    }

    /// <summary>Marks the start of one caller's batch.</summary>
    public void Begin() => _undo.Clear();

    /// <summary>Forgets everything set since <see cref="Begin"/>.</summary>
    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            var (path, before) = _undo[i];
            if (before is { } node) _pending[path] = node;
            else _pending.Remove(path);
        }
        _undo.Clear();
    }
}
