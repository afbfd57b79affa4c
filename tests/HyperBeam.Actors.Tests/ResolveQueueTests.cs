using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Tests;

public class ResolveQueueTests : TestKit
{
    [Fact]
    public async Task A_full_queue_refuses_at_once_and_accepts_again_once_work_drains()
    {
        var gated = new GatedDevice();
        var queue = new ResolveQueue(new InFlightResolutions(gated.Resolver()), new ResolveQueueOptions { Parallelism = 1, Capacity = 2, Timeout = TimeSpan.FromMinutes(1) });

        // One running, then the buffer fills; distinct keys so nothing is shared.
        var accepted = new List<Task<ResolveOutcome>> { (await queue.EnqueueAsync(new ResolveJob(GatedDevice.Steps(), "0")))! };
        AwaitCondition(() => gated.Calls == 1);
        var refusedAt = -1;
        for (var i = 1; i < 10 && refusedAt < 0; i++)
        {
            if (await queue.EnqueueAsync(new ResolveJob(GatedDevice.Steps(), i.ToString())) is { } outcome) accepted.Add(outcome);
            else refusedAt = i;
        }
        Assert.True(refusedAt > 0, "the queue never refused");
        Assert.InRange(accepted.Count, 2, 4);

        gated.Open();
        foreach (var outcome in await Task.WhenAll(accepted)) Assert.True(outcome.Result.IsOk);
        Assert.NotNull(await queue.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "after")));
    }

    [Fact]
    public async Task A_resolution_past_the_time_limit_is_unavailable()
    {
        var gated = new GatedDevice();
        var queue = new ResolveQueue(new InFlightResolutions(gated.Resolver()), new ResolveQueueOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var outcome = await queue.ResolveAsync(new ResolveJob(GatedDevice.Steps(), "slow"));
        Assert.Equal(ResolveStatus.Unavailable, outcome!.Result.Status);
        gated.Open();
    }
}
