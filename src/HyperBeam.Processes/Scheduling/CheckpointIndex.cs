using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// The signed checkpoints of a process in slot order, and which one covers a slot (the first at or after it).
/// A checkpoint of slot n fixes every slot up to n (its chain head), so any later checkpoint covers an earlier slot
/// too; keeping all of them would grow without end (an active process records about one a second) in memory, in every
/// scheduler snapshot and in every read's copy. So the newest <c>keepRecent</c> are all kept (a client that read an
/// assignment can still fetch the checkpoint it named), and older ones are thinned so that a slot's covering
/// checkpoint is at most about <c>spacing</c> slots further on; past <c>maxEntries</c> the older ones are halved
/// and the spacing doubled. Thinned checkpoints stay in the journal.
/// </summary>
internal sealed class CheckpointIndex(long spacing = CheckpointIndex.DefaultSpacing, int keepRecent = CheckpointIndex.DefaultKeepRecent,
    int maxEntries = CheckpointIndex.DefaultMaxEntries)
{
    public const long DefaultSpacing = 1000;
    public const int DefaultKeepRecent = 64;
    public const int DefaultMaxEntries = 4096;

    private readonly List<Entry> _items = [];
    private long _spacing = Math.Max(1, spacing);

    public IReadOnlyList<CheckpointRecorded> All => _items.Select(i => i.Checkpoint).ToList();

    public int Count => _items.Count;

    /// <summary>The highest slot a checkpoint covers, −1 when there is none.</summary>
    public long LastSlot => _items.Count == 0 ? -1 : _items[^1].Checkpoint.Slot;

    /// <summary>A copy for work that runs off the entity's thread.</summary>
    public CheckpointIndex Copy()
    {
        var copy = new CheckpointIndex(_spacing, keepRecent, maxEntries);
        copy._items.AddRange(_items);
        return copy;
    }

    public void Add(CheckpointRecorded checkpoint)
    {
        if (checkpoint.Slot <= LastSlot) return;
        _items.Add(new Entry(checkpoint));
        Thin();
    }

    public void Reset(IEnumerable<CheckpointRecorded> checkpoints)
    {
        _items.Clear();
        foreach (var c in checkpoints) Add(c);
    }

    /// <summary>The ID of the checkpoint covering <paramref name="slot"/>, or null when none does yet.</summary>
    public string? CoveringId(long slot)
    {
        int lo = 0, hi = _items.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_items[mid].Checkpoint.Slot >= slot) { found = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        return found < 0 ? null : _items[found].Id;
    }

    public CheckpointRecorded? Find(string id) => _items.FirstOrDefault(i => i.Id == id)?.Checkpoint;

    /// <summary>An assignment as read: with the ID of its covering checkpoint, when there is one.</summary>
    public Message Annotate(Message assignment) =>
        assignment.Get(AssignmentKeys.Slot) is AoInteger slot && CoveringId(slot.Value) is { } id
            ? assignment.Set(AssignmentKeys.Checkpoint, id)
            : assignment;

    /// <summary>
    /// The entry that just left the recent window goes when its neighbours are within the spacing of each other:
    /// every slot it covered is then covered by the next one, at most the spacing further on.
    /// </summary>
    private void Thin()
    {
        var leaving = _items.Count - 1 - Math.Max(1, keepRecent);
        if (leaving >= 1 && _items[leaving + 1].Checkpoint.Slot - _items[leaving - 1].Checkpoint.Slot <= _spacing)
            _items.RemoveAt(leaving);
        if (_items.Count <= Math.Max(keepRecent + 2, maxEntries)) return;
        var older = _items.Count - Math.Max(1, keepRecent);
        var kept = new List<Entry>(_items.Count);
        for (var i = 0; i < older; i++)
            if (i % 2 == 0) kept.Add(_items[i]);
        kept.AddRange(_items.Skip(older));
        _items.Clear();
        _items.AddRange(kept);
        _spacing *= 2;
    }

    /// <summary>
    /// A checkpoint and its ID, computed when first asked for (a read's annotation, a lookup): every process records
    /// a checkpoint about once a second, and its ID (the encoding of the whole message, the signed node checkpoint
    /// nested in it included) was computed on the entity's thread at each, though only reads use it. Copies share
    /// the entry; two threads asking at once compute the same string, and either keeps it.
    /// </summary>
    private sealed class Entry(CheckpointRecorded checkpoint)
    {
        private string? _id;

        public CheckpointRecorded Checkpoint { get; } = checkpoint;

        public string Id => Volatile.Read(ref _id) ?? (_id = MessageIds.All(Checkpoint.Checkpoint));
    }
}
