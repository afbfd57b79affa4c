using Akka.Hosting;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Hosting;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>
/// The gateway finds the <c>process</c> region in the actor registry on each call, so the host can hand it out before
/// the actor system has started (an early request gets 503, not an exception).
/// </summary>
public class ShardRegionProcessGatewayTests : TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Before_the_process_region_is_registered_a_command_gets_503()
    {
        var gateway = new ShardRegionProcessGateway(new ActorRegistry(), Timeout);

        var reply = await gateway.AskAsync(new Schedule("p1", Message.Of(("n", 1))));

        var failed = Assert.IsType<ProcessCommandFailed>(reply);
        Assert.Equal(503, failed.Status);
        Assert.Equal("p1", failed.ProcessId);
    }

    [Fact]
    public async Task Once_the_process_region_is_registered_commands_reach_it()
    {
        var registry = new ActorRegistry();
        var gateway = new ShardRegionProcessGateway(registry, Timeout);
        registry.Register<ProcessRegion>(TestActor);
        var command = new Schedule("p1", Message.Of(("n", 1)));

        var asked = gateway.AskAsync(command);
        ExpectMsg<Schedule>(s => s.ProcessId == "p1");
        LastSender.Tell(new ProcessCommandFailed("p1", 418, "reached"), TestActor);

        var failed = Assert.IsType<ProcessCommandFailed>(await asked);
        Assert.Equal(418, failed.Status);
    }
}
