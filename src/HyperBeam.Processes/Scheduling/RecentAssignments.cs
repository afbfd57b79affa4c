using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// The latest durable assignments of a process, in slot order and without gaps, bounded in count and in content bytes
/// (<see cref="MessageWeight"/>; the newest assignment is always held), by its own limits and by its share of the
/// node's <see cref="RecentAssignmentBudget"/>: schedule reads of recent slots (what a compute worker asks for) are
/// answered from memory; older ones come from the journal. <see cref="Clear"/> gives the share back.
/// </summary>
/// <param name="maxBytes">
/// The content bytes held at most. A count alone let 2000 signed messages of a soak (~27 KB each on the heap) take
/// ~54 MB per process, filling for minutes, and large messages far more.
/// </param>
/// <param name="budget">Shared by the node's windows; null: a window of its own limits alone.</param>
internal sealed class RecentAssignments(int capacity, long maxBytes = RecentAssignments.DefaultMaxBytes, RecentAssignmentBudget? budget = null)
{
    /// <summary>4 MiB of content: hundreds of typical signed messages, a few large ones.</summary>
    public const long DefaultMaxBytes = 4L * 1024 * 1024;

    private readonly LinkedList<(Message Assignment, long Weight)> _items = new();

    /// <summary>The slot of the oldest assignment held, or long.MaxValue when empty.</summary>
    public long FirstSlot { get; private set; } = long.MaxValue;

    public int Count => _items.Count;

    /// <summary>The content bytes held (<see cref="MessageWeight"/>).</summary>
    public long Bytes { get; private set; }

    public void Add(long slot, Message assignment)
    {
        if (_items.Count > 0 && slot != FirstSlot + _items.Count) Clear();
        if (_items.Count == 0)
        {
            FirstSlot = slot;
            budget?.Join();
        }
        var weight = MessageWeight.Of(assignment);
        _items.AddLast((assignment, weight));
        Bytes += weight;
        var count = Math.Max(1, budget is null ? capacity : Math.Min(capacity, budget.CountShare));
        var bytes = budget is null ? maxBytes : Math.Min(maxBytes, budget.ByteShare);
        while (_items.Count > 1 && (_items.Count > count || Bytes > bytes))
        {
            Bytes -= _items.First!.Value.Weight;
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
            if (slot >= from) result.Add(item.Assignment);
            slot++;
        }
        return result;
    }

    /// <summary>The last <paramref name="count"/> assignments (for snapshots).</summary>
    public List<Message> Tail(int count) => _items.Skip(Math.Max(0, _items.Count - count)).Select(i => i.Assignment).ToList();

    public void Clear()
    {
        if (_items.Count > 0) budget?.Leave();
        _items.Clear();
        Bytes = 0;
        FirstSlot = long.MaxValue;
    }
}
