using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public class ConcurrentSchedulingTests(Xunit.Abstractions.ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Theory]
    [InlineData(AssignmentSigning.Each)]
    [InlineData(AssignmentSigning.Checkpoint)]
    public async Task Scheduling_from_many_concurrent_senders_assigns_gapless_unique_slots(AssignmentSigning signing)
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings(signing));
        var senders = Enumerable.Range(0, 12).Select(_ => CreateTestProbe()).ToList();

        await Task.WhenAll(senders.Select((probe, s) => Task.Run(() =>
        {
            for (var i = 0; i < 8; i++) entity.Tell(new Schedule(pid, Note(s * 100 + i)), probe);
        })));

        var slots = senders.SelectMany(p => Enumerable.Range(0, 8).Select(_ => p.ExpectMsg<Scheduled>(Patience).Slot)).ToList();
        Assert.Equal(Enumerable.Range(1, 96).Select(i => (long)i), slots.Order());
        var stored = ReadAll(entity, pid);
        Assert.Equal(Enumerable.Range(0, 97).Select(i => (long)i), stored.Select(Slot));
        Assert.True(ScheduleVerifier.ChainMatches(stored));
    }

    [Fact]
    public void A_message_for_a_process_that_was_never_created_is_refused_with_404()
    {
        var entity = StartEntity("unknown-process-id-000000000000000000000000", Settings());
        entity.Tell(new Schedule("unknown-process-id-000000000000000000000000", Note(1)), TestActor);
        Assert.Equal(404, ExpectMsg<ProcessCommandFailed>(Patience).Status);
        entity.Tell(new GetCurrentSlot("unknown-process-id-000000000000000000000000"), TestActor);
        Assert.Equal(404, ExpectMsg<ProcessCommandFailed>(Patience).Status);
    }
}
