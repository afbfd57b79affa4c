using HyperBeam.Core.Messages;
using HyperBeam.Core.Observability;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// The compute snapshots on their way to the snapshot store, off the compute path. Plain bookkeeping (the computer
/// does the telling), so the rules are testable without actors:
/// <list type="bullet">
/// <item>at most <c>maxInFlight</c> writes are out at once; a snapshot offered while they are all out waits, and a
///   newer one offered meanwhile replaces it (the newest complete state is what a restart wants): memory stays bounded
///   at <c>maxInFlight</c> + 1 states and compute never waits for the store; a snapshot captured but not packed yet
///   (<see cref="DueSnapshot.Captured"/>) is packed only when its write may start, and one dropped here (replaced, or
///   no newer than one stored) is dropped unpacked (<see cref="DueSnapshot.Drop"/>): nothing is packed for nothing;</item>
/// <item>a snapshot is keyed by its slot (sequence number slot + 1, see <see cref="SequenceNrOf"/>): one row written
///   in one transaction is the only record of it, so nothing can point at a snapshot that is not stored, and after a
///   kill -9 the store's latest row is the last complete snapshot;</item>
/// <item>older snapshots are pruned once <c>pruneAfter</c> newer ones were stored, and only below the newest stored
///   one (the store deletes them in the background; the latest complete snapshot is never among them).</item>
/// </list>
/// </summary>
internal sealed class SnapshotWrites(int maxInFlight, int pruneAfter)
{
    private readonly SortedSet<long> _inFlight = [];
    private DueSnapshot? _waiting;
    private int _storedSincePrune;

    /// <summary>The slot of the newest snapshot known stored (recovered from or written); long.MinValue: none.</summary>
    public long LatestStored { get; private set; } = long.MinValue;

    /// <summary>Writes out now, waiting included.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Snapshots offered and never written (replaced by a newer one, or not newer than one stored or out).</summary>
    public long Dropped { get; private set; }

    /// <summary>The slot of the snapshot waiting for a free write, if any.</summary>
    public long? WaitingSlot => _waiting?.Slot;

    /// <summary>The sequence number a snapshot of <paramref name="slot"/> is stored under: increasing with the slot.</summary>
    public static long SequenceNrOf(long slot) => slot + 1;

    /// <summary>The slot of a snapshot stored under <paramref name="sequenceNr"/>.</summary>
    public static long SlotOf(long sequenceNr) => sequenceNr - 1;

    /// <summary>The snapshot the computer recovered from is stored.</summary>
    public void Recovered(long slot) => LatestStored = Math.Max(LatestStored, slot);

    /// <summary>
    /// A new snapshot; returns it when a write may start now, else null (it waits, replacing an older waiting one).
    /// A snapshot at or below one already stored or out is dropped: after a rewind the same slots come again.
    /// </summary>
    public DueSnapshot? Offer(DueSnapshot snapshot)
    {
        if (snapshot.Slot <= LatestStored || (_inFlight.Count > 0 && snapshot.Slot <= _inFlight.Max))
        {
            Drop(snapshot);
            return null;
        }
        if (_inFlight.Count < Math.Max(1, maxInFlight))
        {
            _inFlight.Add(snapshot.Slot);
            return snapshot;
        }
        var dropped = snapshot;
        if (_waiting is null || _waiting.Slot < snapshot.Slot) (dropped, _waiting) = (_waiting, snapshot);
        if (dropped is not null) Drop(dropped);
        return null;
    }

    /// <summary>The computer stops: the waiting snapshot is not written (its capture goes back to its device).</summary>
    public void Clear()
    {
        if (_waiting is { } waiting) Drop(waiting);
        _waiting = null;
    }

    /// <summary>
    /// The write of <paramref name="slot"/> ended (<paramref name="stored"/>: it is in the store). Returns the waiting
    /// snapshot to write next, if any, and the slot below which older snapshots may now be pruned, if it is time.
    /// </summary>
    public (DueSnapshot? Next, long? PruneBelow) Ended(long slot, bool stored)
    {
        _inFlight.Remove(slot);
        long? prune = null;
        if (stored && slot > LatestStored)
        {
            LatestStored = slot;
            if (++_storedSincePrune >= Math.Max(1, pruneAfter))
            {
                _storedSincePrune = 0;
                prune = slot;
            }
        }
        var next = _waiting;
        if (next is not null && next.Slot > LatestStored)
        {
            _waiting = null;
            _inFlight.Add(next.Slot);
            return (next, prune);
        }
        if (next is not null) Drop(next);
        _waiting = null;
        return (null, prune);
    }

    private void Drop(DueSnapshot snapshot)
    {
        Dropped++;
        HyperBeamMetrics.ComputeSnapshot(written: false);
        snapshot.Drop();
    }
}
