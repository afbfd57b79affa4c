using HyperBeam.Core.Messages;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>
/// The in-memory window of a process's latest assignments. Bounded by count alone it held 2000 assignments of
/// whatever size: a soak's signed messages (~27 KB each on the heap) made that ~54 MB per process, filling for minutes
/// (RSS growing like a leak), and large messages made it unbounded in practice. It is bounded in bytes too.
/// </summary>
public class RecentAssignmentsTests
{
    private const int MiB = 1024 * 1024;
    private const int BodyBytes = 64 * 1024;

    [Fact]
    public void Large_assignments_are_held_within_a_few_mebibytes_not_by_count_alone()
    {
        var recent = new RecentAssignments(2000);
        for (var slot = 0; slot < 2000; slot++) recent.Add(slot, Assignment(slot, BodyBytes));

        Assert.InRange((long)recent.Count * BodyBytes, BodyBytes, 4L * MiB);
    }

    [Fact]
    public void The_window_keeps_the_latest_slots_without_gaps_after_evicting_by_size()
    {
        var recent = new RecentAssignments(2000);
        for (var slot = 0; slot < 300; slot++) recent.Add(slot, Assignment(slot, BodyBytes));

        Assert.True(recent.Covers(299));
        Assert.False(recent.Covers(0));
        var held = recent.Range(0, 299);
        Assert.Equal(recent.Count, held.Count);
        Assert.Equal(Enumerable.Range(300 - held.Count, held.Count).Select(i => (long)i), held.Select(a => ((AoInteger)a.Get("slot")!).Value));
    }

    [Fact]
    public void One_assignment_larger_than_the_budget_is_still_held_as_the_latest()
    {
        var recent = new RecentAssignments(2000);
        recent.Add(0, Assignment(0, 16));
        recent.Add(1, Assignment(1, 8 * MiB));

        Assert.Equal(1, recent.Count);
        Assert.True(recent.Covers(1));
    }

    [Fact]
    public void Small_assignments_are_still_bounded_by_count()
    {
        var recent = new RecentAssignments(50);
        for (var slot = 0; slot < 120; slot++) recent.Add(slot, Assignment(slot, 16));

        Assert.Equal(50, recent.Count);
        Assert.True(recent.Covers(70));
        Assert.False(recent.Covers(69));
    }

    [Fact]
    public void The_windows_of_a_hundred_busy_processes_hold_together_no_more_than_the_nodes_budget()
    {
        var budget = new RecentAssignmentBudget(256);
        var windows = Enumerable.Range(0, 100).Select(_ => new RecentAssignments(128, budget: budget)).ToList();
        for (var slot = 0; slot < 20; slot++)
            foreach (var window in windows) window.Add(slot, Assignment(slot, 16));

        Assert.Equal(100, budget.Windows);
        Assert.InRange(windows.Sum(w => w.Count), 100, 256);
        Assert.All(windows, w => Assert.True(w.Covers(19)));
    }

    [Fact]
    public void One_busy_process_keeps_its_own_capacity_and_a_cleared_window_gives_its_share_back()
    {
        var budget = new RecentAssignmentBudget(256);
        var busy = new RecentAssignments(128, budget: budget);
        var others = Enumerable.Range(0, 99).Select(_ => new RecentAssignments(128, budget: budget)).ToList();
        foreach (var other in others) other.Add(0, Assignment(0, 16));
        for (var slot = 0; slot < 300; slot++) busy.Add(slot, Assignment(slot, 16));
        Assert.Equal(2, busy.Count);

        foreach (var other in others) other.Clear();
        for (var slot = 300; slot < 600; slot++) busy.Add(slot, Assignment(slot, 16));

        Assert.Equal(1, budget.Windows);
        Assert.Equal(128, busy.Count);
    }

    [Fact]
    public void The_nodes_byte_budget_is_shared_too()
    {
        var budget = new RecentAssignmentBudget(10_000, 1 * MiB);
        var windows = Enumerable.Range(0, 4).Select(_ => new RecentAssignments(2000, budget: budget)).ToList();
        for (var slot = 0; slot < 64; slot++)
            foreach (var window in windows) window.Add(slot, Assignment(slot, BodyBytes));

        Assert.All(windows, w => Assert.InRange((long)w.Count * BodyBytes, BodyBytes, MiB / 4));
    }

    private static Message Assignment(long slot, int bodyBytes) =>
        Message.Of(("slot", slot), ("body", Message.Of(("data", new AoBinary(new byte[bodyBytes])))));
}
