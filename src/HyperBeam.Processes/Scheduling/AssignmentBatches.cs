using Akka.Actor;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// The slots a <see cref="ProcessEntity"/> has given out and not yet written, and those being written. Slots become
/// ready out of order (signing runs on several threads) but are written in slot order: a batch is the run of ready
/// slots that follows the last one written or being written, so the journal never has a gap.
/// </summary>
internal sealed class AssignmentBatches
{
    private readonly SortedDictionary<long, PendingAssignment> _pending = [];
    private readonly Queue<PendingAssignment> _writing = new();
    private bool _flushScheduled;

    /// <summary>Slots given out and not yet written (waiting to be signed, to be written, or being written).</summary>
    public int Outstanding => _pending.Count + _writing.Count;

    public PendingAssignment Add(long slot, IActorRef replyTo)
    {
        var pending = new PendingAssignment(slot, replyTo);
        _pending[slot] = pending;
        return pending;
    }

    /// <summary>The slot still waiting to be written, or null (a signing failure dropped it).</summary>
    public PendingAssignment? Find(long slot) => _pending.TryGetValue(slot, out var pending) ? pending : null;

    /// <summary>True when a flush must be scheduled now: one already scheduled picks up every slot ready by then.</summary>
    public bool ScheduleFlush()
    {
        if (_flushScheduled) return false;
        _flushScheduled = true;
        return true;
    }

    /// <summary>
    /// The ready assignments that follow <paramref name="committedSlot"/> and what is being written, in slot order,
    /// stopping at the first slot not ready; they move to writing (the scheduled flush is done).
    /// </summary>
    public List<AssignmentRecorded> TakeBatch(long committedSlot)
    {
        _flushScheduled = false;
        var batch = new List<AssignmentRecorded>();
        var next = committedSlot + 1 + _writing.Count;
        while (_pending.TryGetValue(next, out var pending) && pending.Assignment is { } assignment)
        {
            _pending.Remove(next);
            _writing.Enqueue(pending);
            batch.Add(new AssignmentRecorded(assignment));
            next++;
        }
        return batch;
    }

    /// <summary>The oldest slot being written has been written: its sender, to answer.</summary>
    public PendingAssignment Written() => _writing.Dequeue();

    /// <summary>
    /// Drops every slot given out and not yet written, those being written included (the journal failed them: the
    /// entity stops and recovers from what was written).
    /// </summary>
    public List<PendingAssignment> DropAll()
    {
        var dropped = _writing.Concat(_pending.Values).ToList();
        _writing.Clear();
        _pending.Clear();
        return dropped;
    }

    /// <summary>Drops every slot not yet being written (signing failed: the entity restarts from its journal).</summary>
    public List<PendingAssignment> DropPending()
    {
        var dropped = _pending.Values.ToList();
        _pending.Clear();
        return dropped;
    }
}
