using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

public sealed class ProcessComputerTests() : TestKit(ComputeTestConfig.InMemory)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public void Computing_to_a_slot_runs_init_once_and_compute_once_per_slot()
    {
        var fixture = new ComputeFixture();
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));

        var computed = ExpectMsg<Computed>(Wait);
        Assert.Equal(3, computed.Slot);
        Assert.Equal(new AoInteger(4), computed.State.Get("count"));
        Assert.Equal(new AoInteger(3), computed.State.Get("at-slot"));
        Assert.Equal("slot 3: m3", computed.State.GetMessage("results")!.GetText("data"));
        Assert.Equal("process@1.0", computed.State.GetText("device"));
        Assert.Equal(fixture.Process, computed.State.GetMessage("process"));
        Assert.Equal(1, fixture.Probe.Inits);
        Assert.Equal(4, fixture.Probe.Computes);
    }

    [Fact]
    public void A_computed_slot_is_served_again_without_running_the_device()
    {
        var fixture = new ComputeFixture();
        var computer = fixture.Start(Sys);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));
        ExpectMsg<Computed>(Wait);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));
        var again = ExpectMsg<Computed>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 1));
        var earlier = ExpectMsg<Computed>(Wait);

        Assert.Equal(new AoInteger(4), again.State.Get("count"));
        Assert.Equal(1, earlier.Slot);
        Assert.Equal(new AoInteger(2), earlier.State.Get("count"));
        Assert.Equal("slot 1: m1", earlier.State.GetMessage("results")!.GetText("data"));
        Assert.Equal(4, fixture.Probe.Computes);
        Assert.Equal(1, fixture.Probe.Inits);
    }

    [Fact]
    public void A_slot_below_the_current_one_fails_clearly_when_results_are_not_kept()
    {
        var fixture = new ComputeFixture(keepResults: false);
        var computer = fixture.Start(Sys);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));
        ExpectMsg<Computed>(Wait);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 1));

        var failed = ExpectMsg<ProcessCommandFailed>(Wait);
        Assert.Equal(400, failed.Status);
        Assert.Contains("does not rewind", failed.Reason);
        Assert.Equal(4, fixture.Probe.Computes);
    }

    [Fact]
    public void Concurrent_requests_are_queued_and_each_is_answered_at_its_slot()
    {
        var fixture = new ComputeFixture(slots: 6);
        var computer = fixture.Start(Sys);
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var now = CreateTestProbe();

        computer.Tell(new ComputeRequest(fixture.ProcessId, 4), first.Ref);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 1), second.Ref);
        computer.Tell(new ComputeRequest(fixture.ProcessId, null), now.Ref);

        Assert.Equal(4, first.ExpectMsg<Computed>(Wait).Slot);
        Assert.Equal(1, second.ExpectMsg<Computed>(Wait).Slot);
        var current = now.ExpectMsg<Computed>(Wait);
        Assert.Equal(5, current.Slot);
        Assert.Equal(new AoInteger(6), current.State.Get("count"));
        Assert.Equal(6, fixture.Probe.Computes);
    }

    [Fact]
    public void A_slot_not_yet_assigned_is_a_404_and_the_computer_keeps_serving()
    {
        var fixture = new ComputeFixture(slots: 3);
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 9));
        var failed = ExpectMsg<ProcessCommandFailed>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));

        Assert.Equal(404, failed.Status);
        Assert.Contains("current slot is 2", failed.Reason);
        Assert.Equal(2, ExpectMsg<Computed>(Wait).Slot);
    }

    [Fact]
    public void Bad_requests_are_refused()
    {
        var fixture = new ComputeFixture();
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, -5));
        Assert.Equal(400, ExpectMsg<ProcessCommandFailed>(Wait).Status);
        computer.Tell(new ComputeRequest("another-process", 1));
        Assert.Equal(400, ExpectMsg<ProcessCommandFailed>(Wait).Status);
    }

    [Fact]
    public void Slot_minus_one_is_the_state_after_init()
    {
        var fixture = new ComputeFixture();
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, -1));

        var computed = ExpectMsg<Computed>(Wait);
        Assert.Equal(-1, computed.Slot);
        Assert.Equal("true", computed.State.GetText("initialized"));
        Assert.Equal(new AoInteger(0), computed.State.Get("count"));
        Assert.Equal(0, fixture.Probe.Computes);
    }
}
