using HyperBeam.Processes.Compute;

namespace HyperBeam.Processes.Tests.Compute;

public sealed class StepRetriesTests
{
    [Fact]
    public void A_lost_step_is_tried_again_until_the_retries_are_spent()
    {
        var retries = new StepRetries(retryCount: 2);

        Assert.True(retries.CountLoss());
        Assert.True(retries.CountLoss());
        Assert.False(retries.CountLoss());
        Assert.Equal(3, retries.Tries);
    }

    [Fact]
    public void No_retries_means_the_first_loss_is_final()
    {
        var retries = new StepRetries(retryCount: 0);

        Assert.False(retries.CountLoss());
        Assert.Equal(1, retries.Tries);
    }

    [Fact]
    public void The_cause_is_what_the_worker_said_or_else_that_it_restarted()
    {
        var retries = new StepRetries(retryCount: 1);
        Assert.Equal("the compute worker restarted", retries.RestartCause);

        retries.Losing("boom");

        Assert.Equal("boom", retries.RestartCause);
    }

    [Fact]
    public void A_finished_step_leaves_a_clean_count_for_the_next()
    {
        var retries = new StepRetries(retryCount: 1);
        retries.Losing("boom");
        retries.CountLoss();
        retries.CountLoss();

        retries.Reset();

        Assert.Equal(0, retries.Tries);
        Assert.Null(retries.LastCause);
        Assert.True(retries.CountLoss());
    }

    [Fact]
    public void Attempt_numbers_are_never_reused_even_across_steps()
    {
        var retries = new StepRetries(retryCount: 1);
        var first = retries.NextAttempt();
        retries.Reset();

        Assert.True(retries.NextAttempt() > first);
    }
}
