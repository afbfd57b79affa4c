using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>
/// A scheduler that refuses, stays silent or leaves a gap fails the waiting requests clearly, and the computer does
/// not stay stuck awaiting it: the next request asks the scheduler again.
/// </summary>
public sealed class ProcessComputerSchedulerFailureTests() : TestKit(ComputeTestConfig.InMemory)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_refusing_scheduler_fails_the_waiting_requests_with_its_status_and_is_asked_again_next_time()
    {
        var fixture = new ComputeFixture();
        var scheduler = CreateTestProbe();
        var computer = Start(fixture, scheduler.Ref);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        scheduler.ExpectMsg<GetSchedule>(Wait);
        scheduler.Reply(new ProcessCommandFailed(fixture.ProcessId, 404, "unknown process"));
        var first = ExpectMsg<ProcessCommandFailed>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        scheduler.ExpectMsg<GetSchedule>(Wait);
        scheduler.Reply(new ProcessCommandFailed(fixture.ProcessId, 404, "unknown process"));
        var second = ExpectMsg<ProcessCommandFailed>(Wait);

        Assert.Equal(404, first.Status);
        Assert.Contains("the scheduler refused: unknown process", first.Reason);
        Assert.Equal(404, second.Status);
    }

    [Fact]
    public void A_silent_scheduler_fails_the_waiting_requests_with_503()
    {
        var fixture = new ComputeFixture();
        fixture.Settings = fixture.Settings with { ScheduleTimeout = TimeSpan.FromMilliseconds(300) };
        var scheduler = CreateTestProbe();
        var computer = Start(fixture, scheduler.Ref);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        scheduler.ExpectMsg<GetSchedule>(Wait);
        var failed = ExpectMsg<ProcessCommandFailed>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, null));
        scheduler.ExpectMsg<GetSchedule>(Wait);

        Assert.Equal(503, failed.Status);
        Assert.Contains("the scheduler did not answer", failed.Reason);
    }

    [Fact]
    public void A_page_without_the_next_slot_fails_the_waiting_requests_with_500()
    {
        var fixture = new ComputeFixture();
        var scheduler = CreateTestProbe();
        var computer = Start(fixture, scheduler.Ref);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        scheduler.ExpectMsg<GetSchedule>(Wait);
        scheduler.Reply(new SchedulePage(fixture.ProcessId, [], false, 5));

        var failed = ExpectMsg<ProcessCommandFailed>(Wait);
        Assert.Equal(500, failed.Status);
        Assert.Contains("sent no assignment for slot 0", failed.Reason);
    }

    private IActorRef Start(ComputeFixture fixture, IActorRef scheduler) =>
        Sys.ActorOf(ProcessComputer.Props(new ComputeChildContext(fixture.ProcessId, fixture.Process, scheduler), fixture.Settings));
}
