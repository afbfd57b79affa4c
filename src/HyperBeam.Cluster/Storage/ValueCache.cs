namespace HyperBeam.Cluster.Storage;

/// <summary>
/// A shard's read cache: the most recently read values by resolved path, least recently used out first.
/// Owned by one actor, so it needs no lock.
/// </summary>
internal sealed class ValueCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Path, byte[] Value)>> _index = [];
    private readonly LinkedList<(string Path, byte[] Value)> _recency = [];

    public bool TryGet(string path, out byte[] value)
    {
        if (_index.TryGetValue(path, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
        value = [];
        return false;
    }

    public void Put(string path, byte[] value)
    {
        if (capacity == 0) return;
        Remove(path);
        _index[path] = _recency.AddFirst((path, value));
        if (_index.Count <= capacity) return;
        var last = _recency.Last!;
        _recency.RemoveLast();
        _index.Remove(last.Value.Path);
    }

    public void Remove(string path)
    {
        if (!_index.Remove(path, out var node)) return;
        _recency.Remove(node);
    }

    /// <summary>Drops everything: after a write under a link, cached paths may now lead elsewhere.</summary>
    public void Clear()
    {
        _index.Clear();
        _recency.Clear();
    }
}
