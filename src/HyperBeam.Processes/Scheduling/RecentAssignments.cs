using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// The latest durable assignments of a process, in slot order and without gaps, bounded in size: schedule reads of
/// recent slots (what a compute worker asks for) are answered from memory; older ones come from the journal.
/// </summary>
internal sealed class RecentAssignments(int capacity)
{
    private readonly LinkedList<Message> _items = new();

    /// <summary>The slot of the oldest assignment held, or long.MaxValue when empty.</summary>
    public long FirstSlot { get; private set; } = long.MaxValue;

    public int Count => _items.Count;

    public void Add(long slot, Message assignment)
    {
        if (_items.Count > 0 && slot != FirstSlot + _items.Count) Clear();
        if (_items.Count == 0) FirstSlot = slot;
        _items.AddLast(assignment);
        if (_items.Count > Math.Max(1, capacity))
        {
            _items.RemoveFirst();
            FirstSlot++;
        }
    }

    public bool Covers(long from) => _items.Count > 0 && from >= FirstSlot;

    /// <summary>Assignments of slots <paramref name="from"/>..<paramref name="to"/> (inclusive) that are held.</summary>
    public List<Message> Range(long from, long to)
    {
        var result = new List<Message>();
        var slot = FirstSlot;
        foreach (var item in _items)
        {
            if (slot > to) break;
            if (slot >= from) result.Add(item);
            slot++;
        }
        return result;
    }

    /// <summary>The last <paramref name="count"/> assignments (for snapshots).</summary>
    public List<Message> Tail(int count) => _items.Skip(Math.Max(0, _items.Count - count)).ToList();

    public void Clear()
    {
        _items.Clear();
        FirstSlot = long.MaxValue;
    }
}
