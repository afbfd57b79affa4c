using Akka.Actor;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class AssignmentBatchesTests
{
    private static Message Assignment(long slot) => Message.Of(("slot", slot));

    private static void MakeReady(AssignmentBatches batches, long slot) =>
        batches.Find(slot)!.Assignment = Assignment(slot);

    [Fact]
    public void A_batch_is_the_run_of_ready_slots_after_the_last_written_one()
    {
        var batches = new AssignmentBatches();
        for (var slot = 0; slot < 4; slot++) batches.Add(slot, ActorRefs.Nobody);
        MakeReady(batches, 0);
        MakeReady(batches, 1);
        MakeReady(batches, 3);

        var batch = batches.TakeBatch(committedSlot: -1);

        Assert.Equal([Assignment(0), Assignment(1)], batch.Select(b => b.Assignment));
        Assert.Equal(4, batches.Outstanding);
    }

    [Fact]
    public void A_slot_ready_before_the_one_it_follows_waits_so_the_journal_has_no_gap()
    {
        var batches = new AssignmentBatches();
        batches.Add(0, ActorRefs.Nobody);
        batches.Add(1, ActorRefs.Nobody);
        MakeReady(batches, 1);

        Assert.Empty(batches.TakeBatch(committedSlot: -1));

        MakeReady(batches, 0);
        Assert.Equal(2, batches.TakeBatch(committedSlot: -1).Count);
    }

    [Fact]
    public void The_next_batch_starts_after_what_is_still_being_written()
    {
        var batches = new AssignmentBatches();
        batches.Add(5, ActorRefs.Nobody);
        MakeReady(batches, 5);
        Assert.Single(batches.TakeBatch(committedSlot: 4));
        batches.Add(6, ActorRefs.Nobody);
        MakeReady(batches, 6);

        var next = Assert.Single(batches.TakeBatch(committedSlot: 4));

        Assert.Equal(Assignment(6), next.Assignment);
        Assert.Equal(5, batches.Written().Slot);
        Assert.Equal(6, batches.Written().Slot);
        Assert.Equal(0, batches.Outstanding);
    }

    [Fact]
    public void One_flush_is_scheduled_until_a_batch_is_taken()
    {
        var batches = new AssignmentBatches();

        Assert.True(batches.ScheduleFlush());
        Assert.False(batches.ScheduleFlush());
        batches.TakeBatch(committedSlot: -1);
        Assert.True(batches.ScheduleFlush());
    }

    [Fact]
    public void Dropping_the_pending_slots_keeps_those_being_written()
    {
        var batches = new AssignmentBatches();
        batches.Add(0, ActorRefs.Nobody);
        MakeReady(batches, 0);
        batches.TakeBatch(committedSlot: -1);
        batches.Add(1, ActorRefs.Nobody);
        batches.Add(2, ActorRefs.Nobody);

        var dropped = batches.DropPending();

        Assert.Equal([1L, 2L], dropped.Select(p => p.Slot));
        Assert.Null(batches.Find(1));
        Assert.Equal(1, batches.Outstanding);
    }
}
