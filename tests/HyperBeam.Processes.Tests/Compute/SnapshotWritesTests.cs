using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>The bookkeeping of background snapshot writes: bounded, newest wins, pruning only below the newest stored.</summary>
public sealed class SnapshotWritesTests
{
    private static ComputeSnapshot At(long slot) => new(slot, Message.Of(("at", slot)));

    [Fact]
    public void Snapshots_offered_while_the_writes_are_out_wait_and_only_the_newest_is_written_next()
    {
        var writes = new SnapshotWrites(maxInFlight: 1, pruneAfter: 100);

        Assert.Equal(16, writes.Offer(At(16))?.Slot);
        Assert.Null(writes.Offer(At(32)));
        Assert.Null(writes.Offer(At(48)));
        Assert.Equal(1, writes.InFlight);
        Assert.Equal(48, writes.WaitingSlot);

        var (next, prune) = writes.Ended(16, stored: true);
        Assert.Equal(48, next?.Slot);
        Assert.Null(prune);
        Assert.Equal(16, writes.LatestStored);
    }

    [Fact]
    public void A_snapshot_at_or_below_one_stored_or_out_is_not_written_again()
    {
        var writes = new SnapshotWrites(maxInFlight: 2, pruneAfter: 100);
        writes.Recovered(32);

        Assert.Null(writes.Offer(At(16)));
        Assert.Null(writes.Offer(At(32)));
        Assert.Equal(48, writes.Offer(At(48))?.Slot);
        Assert.Null(writes.Offer(At(48)));
        Assert.Equal(64, writes.Offer(At(64))?.Slot);
    }

    [Fact]
    public void Pruning_comes_after_enough_stored_snapshots_and_only_below_the_newest_stored()
    {
        var writes = new SnapshotWrites(maxInFlight: 1, pruneAfter: 2);

        writes.Offer(At(0));
        Assert.Null(writes.Ended(0, stored: true).PruneBelow);
        writes.Offer(At(16));
        Assert.Equal(16, writes.Ended(16, stored: true).PruneBelow);
        writes.Offer(At(32));
        // A failed write is not stored: nothing is pruned for it, and the latest stored stays.
        Assert.Null(writes.Ended(32, stored: false).PruneBelow);
        Assert.Equal(16, writes.LatestStored);
        Assert.Equal(48, writes.Offer(At(48))?.Slot);
    }

    [Fact]
    public void A_failed_write_frees_its_place_for_the_waiting_snapshot()
    {
        var writes = new SnapshotWrites(maxInFlight: 1, pruneAfter: 1);
        writes.Offer(At(16));
        writes.Offer(At(32));

        var (next, prune) = writes.Ended(16, stored: false);

        Assert.Equal(32, next?.Slot);
        Assert.Null(prune);
        Assert.Equal(long.MinValue, writes.LatestStored);
    }
}
