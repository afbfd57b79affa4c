using Akka.Actor;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class UndeliveredCommandAnswererTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Fact]
    public void A_command_sent_to_a_stopped_entity_is_answered_503_and_other_dead_letters_are_left_alone()
    {
        Sys.ActorOf(UndeliveredCommandAnswerer.Props(), UndeliveredCommandAnswerer.Name);
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings());
        Sys.Stop(entity);
        ExpectTerminated(entity, Patience);

        // Not a command: no answer. The command after it is answered, so the first message the client hears is that.
        var client = CreateTestProbe();
        entity.Tell("not a command", client);
        entity.Tell(new Schedule(pid, Note(1)), client);
        var failed = client.ExpectMsg<ProcessCommandFailed>(Patience);
        Assert.Equal((pid, 503), (failed.ProcessId, failed.Status));
        Assert.Contains("stopped before it read this command", failed.Reason);
        Assert.False(client.HasMessages);
    }
}
