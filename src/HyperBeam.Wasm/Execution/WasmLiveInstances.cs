using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// Every live instance of one device, by key. An instance a process owns stays until it is replaced or discarded.
/// The others form a pool in least-recently-used order, trimmed to <see cref="WasmOptions.MaxPooledInstances"/> and
/// <see cref="WasmOptions.MaxPooledBytes"/> whenever one is added or a use ends, so untrusted inits cannot pile up
/// threads and linear memories. A call uses an instance through a <see cref="WasmLease"/>: a leased instance is never
/// evicted, and one replaced while leased is disposed when its last lease ends, so nothing is disposed under a call.
/// The instance used last is always kept, even when it alone is over the byte bound.
/// </summary>
internal sealed class WasmLiveInstances(WasmOptions options) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _pooled = new();
    private int _leases;

    public int Count
    {
        get { lock (_gate) return _byKey.Count; }
    }

    /// <summary>Open leases: calls using an instance right now.</summary>
    public int Leases
    {
        get { lock (_gate) return _leases; }
    }

    /// <summary>
    /// Adds a started instance under its key, replacing (and disposing, once unused) any instance already there, and
    /// leases it to the caller.
    /// </summary>
    public WasmLease Add(WasmInstance instance, bool ownedByProcess)
    {
        List<WasmInstance> dispose = [];
        WasmLease lease;
        lock (_gate)
        {
            if (_byKey.TryGetValue(instance.Key, out var replaced)) Retire(replaced, dispose);
            var entry = new Entry(instance);
            if (!ownedByProcess) entry.Node = _pooled.AddFirst(entry);
            _byKey[instance.Key] = entry;
            lease = LeaseLocked(entry);
            Trim(dispose);
        }
        DisposeAll(dispose);
        return lease;
    }

    /// <summary>A lease on the live instance under <paramref name="key"/>; null when there is none.</summary>
    public WasmLease? Lease(string key)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var entry) || entry.Instance.IsDiscarded) return null;
            return LeaseLocked(entry);
        }
    }

    /// <summary>The live instance under <paramref name="key"/>, unleased (for <c>terminate</c>).</summary>
    public WasmInstance? Find(string key)
    {
        lock (_gate) return _byKey.TryGetValue(key, out var entry) && !entry.Instance.IsDiscarded ? entry.Instance : null;
    }

    /// <summary>
    /// Drops <paramref name="instance"/> now (after a trap or on terminate): calls queued on it answer that it was
    /// discarded; a call already running finishes first, as the instance's thread runs one job at a time.
    /// </summary>
    public void Discard(WasmInstance instance)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(instance.Key, out var entry) && ReferenceEquals(entry.Instance, instance))
            {
                Unlink(entry);
                entry.Disposed = true;
            }
        }
        instance.Dispose();
    }

    public void Dispose()
    {
        List<WasmInstance> all;
        lock (_gate)
        {
            all = _byKey.Values.Select(e => e.Instance).ToList();
            _byKey.Clear();
            _pooled.Clear();
        }
        DisposeAll(all);
    }

    private WasmLease LeaseLocked(Entry entry)
    {
        entry.Leases++;
        _leases++;
        Touch(entry);
        return new WasmLease(entry.Instance, () => Release(entry));
    }

    private void Release(Entry entry)
    {
        List<WasmInstance> dispose = [];
        lock (_gate)
        {
            entry.Leases--;
            _leases--;
            if (entry.Removed)
            {
                if (entry.Leases == 0 && !entry.Disposed)
                {
                    entry.Disposed = true;
                    dispose.Add(entry.Instance);
                }
            }
            else
            {
                // The use just ended: that makes it the most recently used.
                Touch(entry);
            }
            Trim(dispose);
        }
        DisposeAll(dispose);
    }

    private void Touch(Entry entry)
    {
        if (entry.Node is not { } node || ReferenceEquals(_pooled.First, node)) return;
        _pooled.Remove(node);
        _pooled.AddFirst(node);
    }

    /// <summary>Evicts unleased pooled instances, least recently used first, until both bounds hold (or only leased ones and the newest are left).</summary>
    private void Trim(List<WasmInstance> dispose)
    {
        var count = _pooled.Count;
        var bytes = _pooled.Sum(e => e.Instance.Bytes);
        var candidate = _pooled.Last;
        while ((count > options.MaxPooledInstances || bytes > options.MaxPooledBytes)
               && candidate is not null && !ReferenceEquals(candidate, _pooled.First))
        {
            var entry = candidate.Value;
            candidate = candidate.Previous;
            if (entry.Leases > 0) continue;
            count--;
            bytes -= entry.Instance.Bytes;
            Retire(entry, dispose);
        }
    }

    /// <summary>Takes the entry out of the table; it is disposed now if unleased, else when its last lease ends.</summary>
    private void Retire(Entry entry, List<WasmInstance> dispose)
    {
        Unlink(entry);
        if (entry.Leases > 0 || entry.Disposed) return;
        entry.Disposed = true;
        dispose.Add(entry.Instance);
    }

    private void Unlink(Entry entry)
    {
        entry.Removed = true;
        if (_byKey.TryGetValue(entry.Instance.Key, out var current) && ReferenceEquals(current, entry))
            _byKey.Remove(entry.Instance.Key);
        if (entry.Node is { } node)
        {
            _pooled.Remove(node);
            entry.Node = null;
        }
    }

    private static void DisposeAll(List<WasmInstance> instances)
    {
        foreach (var instance in instances) instance.Dispose();
    }

    private sealed class Entry(WasmInstance instance)
    {
        public WasmInstance Instance { get; } = instance;

        /// <summary>Its place in the pool; null for an instance a process owns, and once removed.</summary>
        public LinkedListNode<Entry>? Node { get; set; }

        public int Leases { get; set; }

        public bool Removed { get; set; }

        public bool Disposed { get; set; }
    }
}
