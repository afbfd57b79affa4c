using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Hosting.Testing;
using HyperBeam.Hosting.Tests.Support;
using HyperBeam.Processes.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Tests.Testing;

public sealed class HyperBeamTestNodeTests : TestKit
{
    [Fact]
    public async Task The_test_node_resolves_custom_devices_over_csharp_and_http()
    {
        await using var node = await HyperBeamTestNode.StartAsync(o => o.AddDevice(new GreetingDevice()));

        var result = await node.Client.ResolveAsync("/~greeting@1.0/hello?name=test");
        Assert.Equal("Hello, test!", ((AoBinary)result.Value).Text);
        Assert.Equal("Hello, http!", await node.Http.GetStringAsync("/~greeting@1.0/hello?name=http"));
    }

    [Fact]
    public async Task The_process_event_probe_sees_what_the_node_publishes_and_schedule_goes_through_the_gateway()
    {
        var gateway = new EchoGateway();
        await using var node = await HyperBeamTestNode.StartAsync(o => o.AddModule(new ServicesModule(s => s.AddSingleton<IProcessGateway>(gateway))));
        gateway.Publish = node.ActorSystem.EventStream.Publish;
        var events = node.CreateProcessEventProbe(this);

        var scheduled = await node.Client.ScheduleAsync("proc-1", Message.Of(("action", "ping")));

        Assert.True(scheduled.IsOk, scheduled.Error);
        Assert.Equal(1, scheduled.Scheduled!.Slot);
        var seen = events.ExpectMsg<Scheduled>(TimeSpan.FromSeconds(10));
        Assert.Equal("proc-1", seen.ProcessId);
    }

    /// <summary>A gateway that assigns slot 1 and publishes the assignment, as a process entity does.</summary>
    private sealed class EchoGateway : IProcessGateway
    {
        public Action<object>? Publish { get; set; }

        public Task<object> AskAsync(IProcessCommand command, CancellationToken cancellationToken = default)
        {
            var schedule = (Schedule)command;
            var scheduled = new Scheduled(schedule.ProcessId, 1, Message.Of(("slot", 1), ("body", schedule.Message)));
            Publish?.Invoke(scheduled);
            return Task.FromResult<object>(scheduled);
        }
    }
}
