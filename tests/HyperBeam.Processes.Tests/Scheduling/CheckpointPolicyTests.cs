using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class CheckpointPolicyTests
{
    [Fact]
    public void A_covered_head_needs_no_checkpoint()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.Equal(CheckpointAction.None, policy.AfterWrite(committedSlot: 5, lastCheckpointSlot: 5));
        Assert.False(policy.TryStart(committedSlot: 5, lastCheckpointSlot: 5, urgent: false));
    }

    [Fact]
    public void Fewer_uncovered_slots_than_the_limit_hand_the_head_in_once_to_be_signed_within_the_interval()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.Equal(CheckpointAction.SignWithinInterval, policy.AfterWrite(committedSlot: 1, lastCheckpointSlot: -1));
        Assert.True(policy.TryStart(committedSlot: 1, lastCheckpointSlot: -1, urgent: false));
        Assert.Equal(CheckpointAction.None, policy.AfterWrite(committedSlot: 1, lastCheckpointSlot: -1));
    }

    [Fact]
    public void A_head_waiting_for_the_interval_is_hastened_once_when_enough_slots_pile_up_behind_it()
    {
        var policy = new CheckpointPolicy(every: 3);
        Assert.True(policy.TryStart(committedSlot: 0, lastCheckpointSlot: -1, urgent: false));

        Assert.Equal(CheckpointAction.Hasten, policy.AfterWrite(committedSlot: 2, lastCheckpointSlot: -1));
        policy.Hastened();
        Assert.Equal(CheckpointAction.None, policy.AfterWrite(committedSlot: 3, lastCheckpointSlot: -1));
    }

    [Fact]
    public void Enough_uncovered_slots_sign_at_once()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.Equal(CheckpointAction.SignNow, policy.AfterWrite(committedSlot: 2, lastCheckpointSlot: -1));
    }

    [Fact]
    public void Only_one_checkpoint_is_in_flight_at_a_time()
    {
        var policy = new CheckpointPolicy(every: 3);

        Assert.True(policy.TryStart(committedSlot: 4, lastCheckpointSlot: -1, urgent: true));
        Assert.False(policy.TryStart(committedSlot: 9, lastCheckpointSlot: -1, urgent: true));
        Assert.Equal(CheckpointAction.None, policy.AfterWrite(committedSlot: 9, lastCheckpointSlot: -1));

        policy.Recorded();

        Assert.Equal(CheckpointAction.SignNow, policy.AfterWrite(committedSlot: 9, lastCheckpointSlot: 4));
        Assert.True(policy.TryStart(committedSlot: 9, lastCheckpointSlot: 4, urgent: true));
    }
}
