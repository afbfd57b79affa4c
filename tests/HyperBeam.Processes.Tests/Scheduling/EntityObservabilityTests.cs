using HyperBeam.Processes.Protocol;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>What a process entity reports: each written slot on the event stream, and its compute status.</summary>
public class EntityObservabilityTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Fact]
    public void Each_written_slot_is_published_on_the_event_stream_with_its_assignment()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(Scheduled));
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings());
        entity.Tell(new Schedule(pid, Note(1)), TestActor);
        entity.Tell(new Schedule(pid, Note(2)), TestActor);
        ReceiveN(2, Patience);

        var published = Enumerable.Range(0, 3).Select(_ => events.ExpectMsg<Scheduled>(Patience)).ToList();

        Assert.Equal([0L, 1L, 2L], published.Select(s => s.Slot));
        Assert.All(published, s => Assert.Equal(pid, s.ProcessId));
        Assert.Equal(2L, Slot(published[2].Assignment));
    }

    [Fact]
    public void Compute_status_of_a_process_never_computed_is_empty_and_of_an_unknown_process_404()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings());

        entity.Tell(new GetComputeStatus(pid), TestActor);

        var status = ExpectMsg<ComputeStatus>(Patience);
        Assert.Null(status.ComputedSlot);
        Assert.Equal(0, status.StateBytes);
        var unknown = StartEntity(IdOf(NewProcess()), Settings());
        unknown.Tell(new GetComputeStatus("nobody"), TestActor);
        Assert.Equal(404, ExpectMsg<ProcessCommandFailed>(Patience).Status);
    }
}
