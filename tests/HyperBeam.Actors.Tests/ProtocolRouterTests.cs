using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Tests;

public class ProtocolRouterTests : TestKit
{
    [Fact]
    public void A_job_resolves_through_the_node_messages_request_hook_which_sees_the_jobs_request()
    {
        var echo = Device.Create("echo-path@1.0", ("request", (_, r, _) =>
            ValueTask.FromResult(ResolveResult.Ok(r.Set("body", AoList.Of(Message.Of(("seen", r.GetMessage("request")?.GetText("path") ?? "none")), "seen"))))));
        var router = Sys.ActorOf(ProtocolRouter.Props(new Resolver(DeviceRegistry.Preloaded.With(echo))));
        var options = new ResolveOptions { Node = Message.Of(("on", Message.Of(("request", Message.Of(("device", "echo-path@1.0")))))) };

        router.Tell(new ResolveJob([Message.Empty, "ignored"], "hooked", options) { Request = Message.Of(("path", "/from-the-client")) }, TestActor);

        Assert.Equal(AoBinary.FromString("/from-the-client"), ExpectMsg<ResolveOutcome>().Result.Value);
    }

    [Fact]
    public void Identical_concurrent_resolutions_run_once_and_every_waiter_gets_the_result()
    {
        var gated = new GatedDevice();
        var inFlight = new InFlightResolutions(gated.Resolver());
        var router = Sys.ActorOf(ProtocolRouter.Props(inFlight));
        var probes = Enumerable.Range(0, 5).Select(_ => CreateTestProbe()).ToList();
        foreach (var probe in probes) router.Tell(new ResolveJob(GatedDevice.Steps(), "same"), probe.Ref);

        // Every job must have joined before the gate opens, or a late one would start a run of its own.
        AwaitCondition(() => inFlight.WaitingFor("same") == 5);
        Assert.Equal(1, gated.Calls);
        gated.Open();
        var outcomes = probes.Select(p => p.ExpectMsg<ResolveOutcome>()).ToList();
        Assert.All(outcomes, o => Assert.Equal(AoBinary.FromString("done"), o.Result.Value));
        Assert.Single(outcomes, o => !o.Shared);
        Assert.Equal(1, gated.Calls);
    }

    [Fact]
    public void One_waiter_leaving_does_not_stop_a_run_that_another_still_waits_for()
    {
        var gated = new GatedDevice();
        var inFlight = new InFlightResolutions(gated.Resolver());
        var router = Sys.ActorOf(ProtocolRouter.Props(inFlight));
        using var leaving = new CancellationTokenSource();
        var staying = CreateTestProbe();
        router.Tell(new ResolveJob(GatedDevice.Steps(), "same") { Cancellation = leaving.Token }, TestActor);
        router.Tell(new ResolveJob(GatedDevice.Steps(), "same"), staying.Ref);
        // Both must have joined: were the leaver alone when it left, the run would rightly stop.
        AwaitCondition(() => inFlight.WaitingFor("same") == 2 && gated.Calls == 1);

        leaving.Cancel();
        gated.Open();
        Assert.Equal(AoBinary.FromString("done"), staying.ExpectMsg<ResolveOutcome>().Result.Value);
        Assert.Equal(0, gated.Cancelled);
    }

    [Fact]
    public void A_run_stops_once_every_waiter_has_left_and_a_later_identical_job_runs_afresh()
    {
        var gated = new GatedDevice();
        var inFlight = new InFlightResolutions(gated.Resolver());
        var router = Sys.ActorOf(ProtocolRouter.Props(inFlight));
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        router.Tell(new ResolveJob(GatedDevice.Steps(), "same") { Cancellation = first.Token }, TestActor);
        router.Tell(new ResolveJob(GatedDevice.Steps(), "same") { Cancellation = second.Token }, TestActor);
        AwaitCondition(() => inFlight.WaitingFor("same") == 2 && gated.Calls == 1);

        first.Cancel();
        second.Cancel();
        AwaitCondition(() => gated.Cancelled == 1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        router.Tell(new ResolveJob(GatedDevice.Steps(), "same"), TestActor);
        AwaitCondition(() => gated.Calls == 2);
        gated.Open();
        Assert.Equal(AoBinary.FromString("done"), ExpectMsg<ResolveOutcome>().Result.Value);
    }

    [Fact]
    public void Different_resolutions_run_separately()
    {
        var gated = new GatedDevice();
        var router = Sys.ActorOf(ProtocolRouter.Props(gated.Resolver()));
        router.Tell(new ResolveJob(GatedDevice.Steps(), "one"), TestActor);
        router.Tell(new ResolveJob(GatedDevice.Steps(), "two"), TestActor);
        AwaitCondition(() => gated.Calls == 2);
        gated.Open();
        ExpectMsg<ResolveOutcome>();
        ExpectMsg<ResolveOutcome>();
    }

    [Fact]
    public void A_finished_resolution_is_not_shared_with_a_later_identical_one()
    {
        var gated = new GatedDevice();
        gated.Open();
        var router = Sys.ActorOf(ProtocolRouter.Props(gated.Resolver()));
        router.Tell(new ResolveJob(GatedDevice.Steps(), "k"), TestActor);
        ExpectMsg<ResolveOutcome>();
        router.Tell(new ResolveJob(GatedDevice.Steps(), "k"), TestActor);
        Assert.False(ExpectMsg<ResolveOutcome>().Shared);
        Assert.Equal(2, gated.Calls);
    }

    [Fact]
    public void A_bad_request_comes_back_as_an_error_result_not_a_dead_actor()
    {
        var router = Sys.ActorOf(ProtocolRouter.Props(new Resolver()));
        router.Tell(new ResolveJob([Message.Of(("device", "no-such@1.0")), "x"], "bad"), TestActor);
        Assert.Equal(ResolveStatus.Error, ExpectMsg<ResolveOutcome>().Result.Status);
        router.Tell(new ResolveJob([Message.Of(("a", "1")), "a"], "good"), TestActor);
        Assert.True(ExpectMsg<ResolveOutcome>().Result.IsOk);
    }
}
