using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>
/// A process's checkpoints as the entity keeps them. An active process records about one a second; kept all, they grew
/// without end in memory, in every scheduler snapshot and in the copy every schedule read takes.
/// </summary>
public class CheckpointIndexTests
{
    [Fact]
    public void A_long_run_of_checkpoints_is_kept_in_a_bounded_number_of_entries()
    {
        var index = new CheckpointIndex(spacing: 100, keepRecent: 16, maxEntries: 4096);
        for (var slot = 0; slot < 20_000; slot += 5) index.Add(Checkpoint(slot));

        // 4 000 checkpoints: about two per 100 slots survive beyond the 16 newest.
        Assert.InRange(index.Count, 16, 16 + 2 * 20_000 / 100 + 2);
        Assert.Equal(19_995, index.LastSlot);
    }

    [Fact]
    public void Every_slot_is_still_covered_by_a_checkpoint_at_most_the_spacing_further_on()
    {
        var index = new CheckpointIndex(spacing: 100, keepRecent: 16, maxEntries: 4096);
        var all = new Dictionary<string, long>();
        for (var slot = 0; slot < 5_000; slot += 3)
        {
            var checkpoint = Checkpoint(slot);
            all[Core.Ids.MessageIds.All(checkpoint.Checkpoint)] = slot;
            index.Add(checkpoint);
        }

        for (var slot = 0L; slot <= index.LastSlot; slot++)
        {
            var id = index.CoveringId(slot);
            Assert.NotNull(id);
            Assert.InRange(all[id!], slot, slot + 100 + 3);
        }
        Assert.Null(index.CoveringId(index.LastSlot + 1));
    }

    [Fact]
    public void The_newest_checkpoints_can_all_still_be_fetched_by_id()
    {
        var index = new CheckpointIndex(spacing: 1_000, keepRecent: 16, maxEntries: 4096);
        var recent = new List<CheckpointRecorded>();
        for (var slot = 0; slot < 500; slot++)
        {
            var checkpoint = Checkpoint(slot);
            index.Add(checkpoint);
            recent.Add(checkpoint);
        }

        foreach (var checkpoint in recent.TakeLast(16))
            Assert.Equal(checkpoint.Slot, index.Find(Core.Ids.MessageIds.All(checkpoint.Checkpoint))!.Slot);
    }

    [Fact]
    public void Past_the_entry_limit_older_checkpoints_are_halved_and_coverage_stays_gapless()
    {
        var index = new CheckpointIndex(spacing: 1, keepRecent: 8, maxEntries: 64);
        for (var slot = 0; slot < 10_000; slot += 2) index.Add(Checkpoint(slot));

        Assert.InRange(index.Count, 8, 64);
        Assert.Equal(9_998, index.LastSlot);
        for (var slot = 0L; slot <= index.LastSlot; slot += 7) Assert.NotNull(index.CoveringId(slot));
    }

    [Fact]
    public void A_snapshot_restored_through_reset_is_thinned_the_same_way()
    {
        var source = Enumerable.Range(0, 3_000).Select(i => Checkpoint(i * 2L)).ToList();
        var index = new CheckpointIndex(spacing: 100, keepRecent: 16, maxEntries: 4096);
        index.Reset(source);

        Assert.InRange(index.All.Count, 16, 16 + 2 * 6_000 / 100 + 2);
        Assert.Equal(5_998, index.LastSlot);
    }

    private static CheckpointRecorded Checkpoint(long slot) =>
        new(slot, "chain-" + slot, new MessageBuilder().Set("type", "Checkpoint").Set("slot", (AoValue)new AoInteger(slot)).Build());
}
