using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

public sealed class ComputeWorkerFaultTests() : TestKit(ComputeTestConfig.InMemory)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_throwing_device_gives_its_slot_an_error_result_and_the_process_goes_on()
    {
        var fixture = new ComputeFixture(slots: 5);
        fixture.Probe.BeforeCompute = (slot, _) => slot == 2 ? throw new InvalidOperationException("boom at 2") : Task.CompletedTask;
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        var failedSlot = ExpectMsg<Computed>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 4));
        var later = ExpectMsg<Computed>(Wait);

        var results = failedSlot.State.GetMessage("results")!;
        Assert.Equal(new AoInteger(500), results.Get("status"));
        Assert.Contains("boom at 2", results.GetText("error"));
        Assert.Equal(new AoInteger(2), failedSlot.State.Get("at-slot"));
        // One try and one retry (RetryCount = 1), each on a fresh worker with fresh devices.
        Assert.Equal(2, fixture.Probe.AttemptsOf(2));
        Assert.Equal("slot 4: m4", later.State.GetMessage("results")!.GetText("data"));
        Assert.Equal(new AoInteger(4), later.State.Get("count"));
        AwaitAssert(() => Assert.True(fixture.Probe.Disposed >= 2), Wait);
    }

    [Fact]
    public void A_hanging_slot_times_out_its_worker_is_replaced_and_the_retry_succeeds()
    {
        var fixture = new ComputeFixture(slots: 4);
        var never = new TaskCompletionSource();
        fixture.Probe.BeforeCompute = (slot, attempt) => slot == 1 && attempt == 1 ? never.Task : Task.CompletedTask;
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 1));
        var computed = ExpectMsg<Computed>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));
        var later = ExpectMsg<Computed>(Wait);

        Assert.Equal("slot 1: m1", computed.State.GetMessage("results")!.GetText("data"));
        Assert.Equal(new AoInteger(2), computed.State.Get("count"));
        Assert.Equal(2, fixture.Probe.AttemptsOf(1));
        Assert.Equal(new AoInteger(4), later.State.Get("count"));
        Assert.True(fixture.Probe.Created >= 2);
        AwaitAssert(() => Assert.True(fixture.Probe.Disposed >= 1), Wait);
        never.TrySetResult();
    }

    [Fact]
    public void A_slot_that_always_hangs_gets_an_error_result_after_its_retries()
    {
        var fixture = new ComputeFixture(slots: 4);
        var never = new TaskCompletionSource();
        fixture.Probe.BeforeCompute = (slot, _) => slot == 2 ? never.Task : Task.CompletedTask;
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));
        var computed = ExpectMsg<Computed>(Wait);

        Assert.Equal(new AoInteger(3), computed.State.Get("count"));
        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        var hung = ExpectMsg<Computed>(Wait).State.GetMessage("results")!;
        Assert.Contains("timeout", hung.GetText("error"));
        never.TrySetResult();
    }

    [Fact]
    public async Task Killing_the_worker_mid_stream_loses_nothing()
    {
        var fixture = new ComputeFixture(slots: 6);
        var gate = new TaskCompletionSource();
        fixture.Probe.BeforeCompute = (slot, attempt) => slot == 2 && attempt == 1 ? gate.Task : Task.CompletedTask;
        // A long slot timeout: here only the kill may end the first attempt.
        fixture.Settings = fixture.Settings with { SlotTimeout = TimeSpan.FromSeconds(30) };
        var computer = fixture.Start(Sys, "killed-worker-computer");

        computer.Tell(new ComputeRequest(fixture.ProcessId, 5));
        await AwaitConditionAsync(() => Task.FromResult(fixture.Probe.AttemptsOf(2) == 1), Wait);
        var worker = await Sys.ActorSelection(computer.Path / "worker-supervisor" / "worker").ResolveOne(Wait);
        worker.Tell(Kill.Instance);

        var computed = await ExpectMsgAsync<Computed>(Wait);
        gate.TrySetResult();

        Assert.Equal(5, computed.Slot);
        // Every slot applied exactly once to the state: init's 0 plus six computes.
        Assert.Equal(new AoInteger(6), computed.State.Get("count"));
        Assert.Equal(2, fixture.Probe.AttemptsOf(2));
        Assert.Equal(1, fixture.Probe.AttemptsOf(3));
    }
}
