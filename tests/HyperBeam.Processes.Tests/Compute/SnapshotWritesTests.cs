using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>The bookkeeping of background snapshot writes: bounded, newest wins, pruning only below the newest stored.</summary>
public sealed class SnapshotWritesTests
{
    private static DueSnapshot At(long slot) => new(slot, Message.Of(("at", slot)));

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
    public async Task Captures_replaced_while_waiting_or_no_newer_than_one_stored_are_dropped_unpacked_and_only_the_written_ones_are_packed()
    {
        var writes = new SnapshotWrites(maxInFlight: 1, pruneAfter: 100);
        var packed = new List<long>();
        var dropped = new List<long>();
        DueSnapshot Captured(long slot) => new(slot, Message.Of(("at", slot)),
            new CapturedSnapshot(() => { packed.Add(slot); return Message.Of(("packed", slot)); }, () => dropped.Add(slot)));
        writes.Recovered(8);

        Assert.Null(writes.Offer(Captured(8)));
        var first = writes.Offer(Captured(16));
        Assert.Null(writes.Offer(Captured(32)));
        Assert.Null(writes.Offer(Captured(48)));
        Assert.Null(writes.Offer(Captured(40)));
        await first!.Captured!.PackAsync();
        var (next, _) = writes.Ended(16, stored: true);
        await next!.Captured!.PackAsync();

        Assert.Equal([16, 48], packed);
        Assert.Equal([8, 32, 40], dropped);
        Assert.Equal(3, writes.Dropped);
    }

    [Fact]
    public async Task A_waiting_capture_is_dropped_unpacked_when_the_writes_are_cleared_and_a_settled_one_is_not_dropped_twice()
    {
        var writes = new SnapshotWrites(maxInFlight: 1, pruneAfter: 100);
        var drops = 0;
        var capture = new CapturedSnapshot(() => Message.Empty, () => drops++);
        writes.Offer(At(16));
        writes.Offer(new DueSnapshot(32, Message.Empty, capture));

        writes.Clear();
        capture.Dispose();

        Assert.Equal(1, drops);
        Assert.Null(writes.WaitingSlot);
        await Assert.ThrowsAsync<ObjectDisposedException>(capture.PackAsync);
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
