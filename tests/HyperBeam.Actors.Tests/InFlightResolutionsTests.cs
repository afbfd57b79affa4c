using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Messages;

namespace HyperBeam.Actors.Tests;

public class InFlightResolutionsTests
{
    [Fact]
    public async Task Identical_concurrent_resolutions_run_once_and_every_waiter_gets_the_result()
    {
        var gated = new GatedDevice();
        var table = new InFlightResolutions(gated.Resolver());
        var waiting = Enumerable.Range(0, 5).Select(_ => table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "same"))).ToList();

        await WaitUntilAsync(() => gated.Calls == 1);
        gated.Open();
        var outcomes = await Task.WhenAll(waiting);
        Assert.All(outcomes, o => Assert.Equal(AoBinary.FromString("done"), o.Result.Value));
        Assert.Single(outcomes, o => !o.Shared);
        Assert.Equal(1, gated.Calls);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public async Task One_waiter_leaving_is_cancelled_alone_and_the_run_goes_on_for_the_other()
    {
        var gated = new GatedDevice();
        var table = new InFlightResolutions(gated.Resolver());
        using var leaving = new CancellationTokenSource();
        var left = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "same") { Cancellation = leaving.Token });
        var staying = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "same"));

        await WaitUntilAsync(() => gated.Calls == 1);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        gated.Open();
        Assert.Equal(AoBinary.FromString("done"), (await staying).Result.Value);
        Assert.Equal(0, gated.Cancelled);
        Assert.Equal(1, gated.Calls);
    }

    [Fact]
    public async Task A_run_stops_once_every_waiter_has_left_and_a_later_identical_job_runs_afresh()
    {
        var gated = new GatedDevice();
        var table = new InFlightResolutions(gated.Resolver());
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var one = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "same") { Cancellation = first.Token });
        var two = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "same") { Cancellation = second.Token });
        await WaitUntilAsync(() => gated.Calls == 1);

        await first.CancelAsync();
        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => two);
        Assert.Equal(0, table.Count);
        await WaitUntilAsync(() => gated.Cancelled == 1);

        var again = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "same"));
        await WaitUntilAsync(() => gated.Calls == 2);
        gated.Open();
        Assert.False((await again).Shared);
    }

    [Fact]
    public async Task A_job_already_cancelled_starts_nothing()
    {
        var gated = new GatedDevice();
        var table = new InFlightResolutions(gated.Resolver());
        var job = new ResolveJob(GatedDevice.Steps(), "k") { Cancellation = new CancellationToken(canceled: true) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.ResolveAsync(job));
        Assert.Equal(0, gated.Calls);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public async Task A_finished_resolution_is_not_shared_with_a_later_identical_one()
    {
        var gated = new GatedDevice();
        gated.Open();
        var table = new InFlightResolutions(gated.Resolver());
        await table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "k"));
        Assert.False((await table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "k"))).Shared);
        Assert.Equal(2, gated.Calls);
    }

    [Fact]
    public async Task Different_resolutions_run_separately()
    {
        var gated = new GatedDevice();
        var table = new InFlightResolutions(gated.Resolver());
        var one = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "one"));
        var two = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "two"));
        await WaitUntilAsync(() => gated.Calls == 2);
        gated.Open();
        Assert.False((await one).Shared);
        Assert.False((await two).Shared);
    }

    [Fact]
    public async Task Cancelling_all_stops_the_runs_and_cancels_their_waiters()
    {
        var gated = new GatedDevice();
        var table = new InFlightResolutions(gated.Resolver());
        var waiting = table.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "k"));
        await WaitUntilAsync(() => gated.Calls == 1);

        table.CancelAll();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await WaitUntilAsync(() => gated.Cancelled == 1);
        Assert.Equal(0, table.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            limit.Token.ThrowIfCancellationRequested();
            await Task.Delay(10, limit.Token);
        }
    }
}
