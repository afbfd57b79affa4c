using System.Text;

namespace HyperBeam.Storage;

/// <summary>
/// An in-memory store bounded in bytes: when a write takes it over budget, the least recently used values are
/// dropped (never spilled anywhere). Groups and links are small and stay.
/// <para>
/// A group keeps listing the name of an evicted value, so a reader that walks a group (the message cache) meets
/// the gap and treats the whole message as a miss instead of reading half of it.
/// </para>
/// </summary>
public sealed class MemoryStore : LinkedStore
{
    /// <summary>512 MiB.</summary>
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    /// <summary>Rough bookkeeping cost of one entry besides its key and value: dictionary slot, objects, list node.</summary>
    private const int EntryOverheadBytes = 96;

    private readonly Lock _lock = new();
    private readonly Dictionary<StorePath, Entry> _entries = [];
    private readonly LinkedList<StorePath> _recency = [];
    private readonly UnlockedView _unlocked;
    private long _bytes;

    public MemoryStore(long maxBytes = DefaultMaxBytes, int maxLinkDepth = DefaultMaxLinkDepth)
        : base("memory", maxLinkDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        MaxBytes = maxBytes;
        _unlocked = new UnlockedView(this);
    }

    public long MaxBytes { get; }

    /// <summary>Bytes held now: values, keys and a fixed overhead per entry.</summary>
    public long SizeBytes
    {
        get
        {
            lock (_lock) return _bytes;
        }
    }

    /// <summary>How many values have been evicted to stay within <see cref="MaxBytes"/>.</summary>
    public long Evictions { get; private set; }

    internal override StoreNode Peek(StorePath path)
    {
        lock (_lock) return _unlocked.Peek(path);
    }

    private protected override ValueTask<byte[]?> ReadResolvedAsync(StorePath resolved, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(resolved, out var entry) || entry.Value is null) return ValueTask.FromResult<byte[]?>(null);
            _recency.Remove(entry.Recency!);
            _recency.AddFirst(entry.Recency!);
            // A copy: callers own what they get, and must not be able to change the stored value.
            return ValueTask.FromResult<byte[]?>((byte[])entry.Value.Clone());
        }
    }

    private protected override IReadOnlyList<string> ListResolved(StorePath resolved)
    {
        lock (_lock)
            return _entries.TryGetValue(resolved, out var entry) && entry.Children is { } children ? [.. children] : [];
    }

    private protected override ValueTask ApplyCoreAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken)
    {
        foreach (var operation in operations)
        {
            if (operation is StoreOperation.Write w && Cost(w.Path, w.Value.Length) > MaxBytes)
                throw new StoreException(Name, w.Path, StoreErrorKind.CapacityExceeded,
                    $"a value of {w.Value.Length} bytes can never fit in a memory store of {MaxBytes} bytes");
        }
        lock (_lock)
        {
            foreach (var operation in operations)
            {
                if (Plan(operation, _unlocked) is { } plan) Execute(plan);
            }
        }
        return ValueTask.CompletedTask;
    }

    private protected override ValueTask ResetCoreAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
        return ValueTask.CompletedTask;
    }

    private protected override ValueTask DisposeCoreAsync() => ResetCoreAsync(CancellationToken.None);

    private void Execute(PlannedOperation plan)
    {
        if (plan.Target.Parent is { } parent) OperationPlanner.EnsureGroups(_unlocked, parent, PutGroup, Name);
        switch (plan.Kind)
        {
            case PlannedKind.Group:
                PutGroup(plan.Target);
                break;
            case PlannedKind.Link:
                Put(plan.Target, new Entry { Target = plan.LinkTarget });
                break;
            case PlannedKind.Value:
                var entry = new Entry { Value = plan.Value.ToArray() };
                entry.Recency = _recency.AddFirst(plan.Target);
                Put(plan.Target, entry);
                EvictOverBudget(entry);
                break;
        }
    }

    private void PutGroup(StorePath path)
    {
        if (!_entries.TryGetValue(path, out var existing) || existing.Children is null)
            Put(path, new Entry { Children = new HashSet<string>(StringComparer.Ordinal) });
    }

    private void Put(StorePath path, Entry entry)
    {
        if (_entries.Remove(path, out var old)) Forget(path, old);
        _entries[path] = entry;
        _bytes += Cost(path, entry.Value?.Length ?? 0);
        if (path.Parent is { } parent && _entries.TryGetValue(parent, out var group)) group.Children?.Add(path.Name);
    }

    private void Forget(StorePath path, Entry entry)
    {
        _bytes -= Cost(path, entry.Value?.Length ?? 0);
        if (entry.Recency is not null) _recency.Remove(entry.Recency);
    }

    /// <summary>Drops least recently used values until within budget, sparing the value just written.</summary>
    private void EvictOverBudget(Entry spare)
    {
        var node = _recency.Last;
        while (_bytes > MaxBytes && node is not null)
        {
            var previous = node.Previous;
            var path = node.Value;
            if (_entries.TryGetValue(path, out var entry) && !ReferenceEquals(entry, spare))
            {
                _entries.Remove(path);
                Forget(path, entry);
                Evictions++;
            }
            node = previous;
        }
    }

    private static long Cost(StorePath path, int valueLength) =>
        valueLength + Encoding.UTF8.GetByteCount(path.ToString()) + EntryOverheadBytes;

    /// <summary>One entry: exactly one of value, children or target is set.</summary>
    private sealed class Entry
    {
        public byte[]? Value { get; init; }
        public HashSet<string>? Children { get; init; }
        public StorePath? Target { get; init; }
        public LinkedListNode<StorePath>? Recency { get; set; }
    }

    /// <summary>Peeks without taking the lock, for use while it is held.</summary>
    private sealed class UnlockedView(MemoryStore store) : IStoreNodes
    {
        public StoreNode Peek(StorePath path)
        {
            if (!store._entries.TryGetValue(path, out var entry)) return StoreNode.Missing;
            if (entry.Value is not null) return StoreNode.Value;
            if (entry.Children is not null) return StoreNode.Group;
            return StoreNode.LinkTo(entry.Target!);
        }
    }
}
