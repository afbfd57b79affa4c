using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>
/// Entities share the node's budget of recent assignments (<see cref="RecentAssignmentBudget"/>) only while they live:
/// a share an entity kept after it stopped would shrink every other process's window for good.
/// </summary>
public class RecentAssignmentBudgetTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Fact]
    public void Entities_that_stop_or_are_killed_give_their_share_of_the_window_back()
    {
        var budget = new RecentAssignmentBudget(256);
        var settings = Settings(AssignmentSigning.Checkpoint) with { RecentAssignmentBudget = budget };
        var entities = Enumerable.Range(0, 3).Select(_ => CreateProcess(NewProcess(), settings)).ToList();
        Assert.Equal(3, budget.Windows);

        Sys.Stop(entities[0]);
        ExpectTerminated(entities[0], Patience);
        AwaitCondition(() => budget.Windows == 2, Patience);

        Kill(entities[1]);
        AwaitCondition(() => budget.Windows == 1, Patience);
    }

    [Fact]
    public void Schedule_reads_beyond_an_entitys_share_come_from_the_journal_in_full()
    {
        var budget = new RecentAssignmentBudget(8);
        var settings = Settings(AssignmentSigning.Checkpoint) with { RecentAssignmentBudget = budget };
        var processes = Enumerable.Range(0, 4).Select(_ => NewProcess()).ToList();
        var entities = processes.Select(p => CreateProcess(p, settings)).ToList();
        for (var i = 0; i < 50; i++)
            for (var p = 0; p < processes.Count; p++)
                entities[p].Tell(new Schedule(IdOf(processes[p]), Note(i)), TestActor);
        ReceiveN(200, Patience);

        for (var p = 0; p < processes.Count; p++)
        {
            var all = ReadAll(entities[p], IdOf(processes[p]));
            Assert.Equal(Enumerable.Range(0, 51).Select(i => (long)i), all.Select(Slot));
            Assert.True(ScheduleVerifier.ChainMatches(all));
        }
    }
}
