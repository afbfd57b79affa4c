using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>The computer asks for the next page of the schedule while the worker computes the assignments it holds.</summary>
public sealed class ScheduleReadAheadTests() : TestKit(ComputeTestConfig.InMemory)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_next_page_is_asked_for_before_the_held_assignments_are_computed_and_every_page_is_read_once()
    {
        var fixture = new ComputeFixture(slots: 12, keepResults: false);
        fixture.Settings = fixture.Settings with { ReadAheadBelow = 4, SlotTimeout = TimeSpan.FromSeconds(20) };
        var secondRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;
        // Slot 1 runs only once the second page was asked for: without reading ahead it never is (the first page holds slots 0..3).
        fixture.Probe.BeforeCompute = (slot, _) => slot == 1 ? secondRead.Task : Task.CompletedTask;
        Action onRead = () =>
        {
            if (Interlocked.Increment(ref reads) == 2) secondRead.TrySetResult();
        };
        var scheduler = Sys.ActorOf(Props.Create(() => new PagedScheduler(fixture.ProcessId, fixture.Assignments, onRead)));
        var computer = Sys.ActorOf(ProcessComputer.Props(new ComputeChildContext(fixture.ProcessId, fixture.Process, scheduler), fixture.Settings));

        computer.Tell(new ComputeRequest(fixture.ProcessId, 11));

        Assert.Equal(new AoInteger(12), (await ExpectMsgAsync<Computed>(Wait)).State.Get("count"));
        Assert.Equal(3, Volatile.Read(ref reads));
        Assert.Equal(12, fixture.Probe.Computes);
    }

    /// <summary>Serves the schedule in pages of four, counting the reads.</summary>
    private sealed class PagedScheduler : ReceiveActor
    {
        public PagedScheduler(string processId, IReadOnlyList<Message> assignments, Action onRead)
        {
            var current = assignments.Count - 1L;
            Receive<GetSchedule>(request =>
            {
                onRead();
                var to = Math.Min(Math.Min(request.To ?? current, current), request.From + 3);
                var page = assignments.Where(a => ProcessStateKeys.ReadInteger(a, "slot") is { } s && s >= request.From && s <= to).ToList();
                Sender.Tell(new SchedulePage(processId, page, to < Math.Min(request.To ?? current, current), current));
            });
        }
    }
}
