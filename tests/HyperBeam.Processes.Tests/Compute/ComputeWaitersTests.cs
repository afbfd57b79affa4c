using System.Diagnostics;
using Akka.Actor;
using HyperBeam.Processes.Compute;

namespace HyperBeam.Processes.Tests.Compute;

public sealed class ComputeWaitersTests
{
    private static ComputeWaiter Waiter(long? target) => new(target, ActorRefs.Nobody);

    [Fact]
    public void Waiters_whose_slot_is_reached_are_taken_out_newest_first_and_the_rest_stay()
    {
        var waiters = new ComputeWaiters();
        var two = Waiter(2);
        var five = Waiter(5);
        var one = Waiter(1);
        waiters.Add(two);
        waiters.Add(five);
        waiters.Add(one);

        var reached = waiters.TakeReached(2);

        Assert.Equal([one, two], reached);
        Assert.Equal(1, waiters.Count);
        Assert.True(waiters.AnyBeyond(2));
    }

    [Fact]
    public void A_waiter_for_the_current_slot_is_not_reached_until_a_page_fixes_its_target()
    {
        var waiters = new ComputeWaiters();
        waiters.Add(Waiter(null));

        Assert.Empty(waiters.TakeReached(100));
        Assert.Empty(waiters.SettleAgainst(4));
        var reached = Assert.Single(waiters.TakeReached(4));
        Assert.Equal(4, reached.Target);
        Assert.True(waiters.IsEmpty);
    }

    [Fact]
    public void Settling_against_a_page_takes_out_the_waiters_for_slots_not_assigned_yet()
    {
        var waiters = new ComputeWaiters();
        var beyond = Waiter(9);
        waiters.Add(Waiter(2));
        waiters.Add(beyond);

        var unassigned = waiters.SettleAgainst(3);

        Assert.Equal([beyond], unassigned);
        Assert.Equal(1, waiters.Count);
    }

    [Fact]
    public void Before_any_assignment_the_current_slot_is_the_state_after_init()
    {
        var waiters = new ComputeWaiters();
        waiters.Add(Waiter(null));

        Assert.Empty(waiters.SettleAgainst(-1));
        Assert.Equal(-1, Assert.Single(waiters.TakeReached(-1)).Target);
    }

    [Fact]
    public void The_goal_is_the_highest_target_unless_someone_waits_for_the_current_slot()
    {
        var waiters = new ComputeWaiters();
        waiters.Add(Waiter(3));
        waiters.Add(Waiter(7));
        Assert.Equal(7, waiters.Goal());

        waiters.Add(Waiter(null));
        Assert.Null(waiters.Goal());
    }

    [Fact]
    public void The_trace_is_that_of_the_first_waiter_that_has_one()
    {
        var waiters = new ComputeWaiters();
        var trace = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        Assert.Equal(default, waiters.Trace());
        waiters.Add(Waiter(1));
        waiters.Add(new ComputeWaiter(2, ActorRefs.Nobody, trace));
        waiters.Add(new ComputeWaiter(3, ActorRefs.Nobody, new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None)));

        Assert.Equal(trace, waiters.Trace());
    }

    [Fact]
    public void Taking_all_empties_the_queue_oldest_first()
    {
        var waiters = new ComputeWaiters();
        var first = Waiter(1);
        var second = Waiter(null);
        waiters.Add(first);
        waiters.Add(second);

        Assert.Equal([first, second], waiters.TakeAll());
        Assert.True(waiters.IsEmpty);
        Assert.Null(waiters.Goal());
    }
}
