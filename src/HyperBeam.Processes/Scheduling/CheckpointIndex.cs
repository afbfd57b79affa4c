using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;

namespace HyperBeam.Processes.Scheduling;

/// <summary>The signed checkpoints of a process in slot order, and which one covers a slot (the first at or after it).</summary>
internal sealed class CheckpointIndex
{
    private readonly List<(CheckpointRecorded Checkpoint, string Id)> _items = [];

    public IReadOnlyList<CheckpointRecorded> All => _items.Select(i => i.Checkpoint).ToList();

    /// <summary>The highest slot a checkpoint covers, −1 when there is none.</summary>
    public long LastSlot => _items.Count == 0 ? -1 : _items[^1].Checkpoint.Slot;

    /// <summary>A copy for work that runs off the entity's thread.</summary>
    public CheckpointIndex Copy()
    {
        var copy = new CheckpointIndex();
        copy._items.AddRange(_items);
        return copy;
    }

    public void Add(CheckpointRecorded checkpoint)
    {
        if (checkpoint.Slot <= LastSlot) return;
        _items.Add((checkpoint, MessageIds.All(checkpoint.Checkpoint)));
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

    public CheckpointRecorded? Find(string id) => _items.FirstOrDefault(i => i.Id == id).Checkpoint;

    /// <summary>An assignment as read: with the ID of its covering checkpoint, when there is one.</summary>
    public Message Annotate(Message assignment) =>
        assignment.Get(AssignmentKeys.Slot) is AoInteger slot && CoveringId(slot.Value) is { } id
            ? assignment.Set(AssignmentKeys.Checkpoint, id)
            : assignment;
}
