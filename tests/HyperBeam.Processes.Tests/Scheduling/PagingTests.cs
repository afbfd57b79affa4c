using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

public class PagingTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Fact]
    public void Schedule_pages_hold_at_most_1000_assignments_and_say_when_more_follow_also_from_the_journal()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        // A small in-memory window: most pages are read back from the journal.
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint) with { RecentAssignments = 50, CheckpointEvery = 400 });
        for (var i = 0; i < 1204; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(1204, Patience);

        entity.Tell(new GetSchedule(pid, 0, null), TestActor);
        var first = ExpectMsg<SchedulePage>(Patience);
        Assert.Equal(1000, first.Assignments.Count);
        Assert.True(first.Continues);
        Assert.Equal(1204, first.CurrentSlot);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), first.Assignments.Select(Slot));

        entity.Tell(new GetSchedule(pid, 1000, null), TestActor);
        var second = ExpectMsg<SchedulePage>(Patience);
        Assert.False(second.Continues);
        Assert.Equal(Enumerable.Range(1000, 205).Select(i => (long)i), second.Assignments.Select(Slot));

        entity.Tell(new GetSchedule(pid, 10, 19), TestActor);
        var middle = ExpectMsg<SchedulePage>(Patience);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => (long)i), middle.Assignments.Select(Slot));
        Assert.False(middle.Continues);

        Assert.True(ScheduleVerifier.ChainMatches(first.Assignments.Concat(second.Assignments).ToList()));
        entity.Tell(new GetSchedule(pid, 5000, null), TestActor);
        Assert.Empty(ExpectMsg<SchedulePage>(Patience).Assignments);
    }
}
