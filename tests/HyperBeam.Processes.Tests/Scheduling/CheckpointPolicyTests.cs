using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class CheckpointPolicyTests
{
    [Fact]
    public void A_covered_head_needs_no_checkpoint()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.Equal(CheckpointAction.None, policy.AfterWrite(committedSlot: 5, lastCheckpointSlot: 5, timerActive: false));
        Assert.False(policy.TryStart(committedSlot: 5, lastCheckpointSlot: 5));
    }

    [Fact]
    public void Fewer_uncovered_slots_than_the_limit_start_the_timer_once()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.Equal(CheckpointAction.StartTimer, policy.AfterWrite(committedSlot: 1, lastCheckpointSlot: -1, timerActive: false));
        Assert.Equal(CheckpointAction.None, policy.AfterWrite(committedSlot: 1, lastCheckpointSlot: -1, timerActive: true));
    }

    [Fact]
    public void Enough_uncovered_slots_sign_at_once()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.Equal(CheckpointAction.SignNow, policy.AfterWrite(committedSlot: 2, lastCheckpointSlot: -1, timerActive: true));
    }

    [Fact]
    public void Only_one_checkpoint_is_in_flight_at_a_time()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.True(policy.TryStart(committedSlot: 4, lastCheckpointSlot: -1));
        Assert.False(policy.TryStart(committedSlot: 9, lastCheckpointSlot: -1));
        Assert.Equal(CheckpointAction.None, policy.AfterWrite(committedSlot: 9, lastCheckpointSlot: -1, timerActive: false));

        policy.Recorded();

        Assert.Equal(CheckpointAction.SignNow, policy.AfterWrite(committedSlot: 9, lastCheckpointSlot: 4, timerActive: false));
        Assert.True(policy.TryStart(committedSlot: 9, lastCheckpointSlot: 4));
    }
}
