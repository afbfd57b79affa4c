using Akka.Actor;
using HyperBeam.Processes.Protocol;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>The node answers process commands that became dead letters instead of leaving their asks to time out.</summary>
public class UndeliveredCommandsTests
{
    [Fact]
    public async Task A_process_command_dead_lettered_on_a_running_node_is_answered_503()
    {
        await using var node = await TestNode.StartAsync();
        var system = node.Node.ActorSystem;
        var gone = system.ActorOf(Props.Empty, "gone");
        await gone.GracefulStop(TimeSpan.FromSeconds(10));

        var answer = await gone.Ask<object>(new GetCurrentSlot("some-process"), TimeSpan.FromSeconds(30));
        var failed = Assert.IsType<ProcessCommandFailed>(answer);
        Assert.Equal(503, failed.Status);
    }
}
