using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Devices.Dedup;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Devices;

public sealed class DedupDeviceTests() : TestKit(ComputeTestConfig.InMemory)
{
    [Fact]
    public void A_message_scheduled_twice_is_computed_once()
    {
        var same = TestProcesses.Labelled("same");
        var fixture = new ComputeFixture(
            stack: [DedupDevice.DeviceName, ExecutionProbe.DeviceName],
            extraDevices: [new DedupDevice()],
            bodies: [same, same, TestProcesses.Labelled("other")]);
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        var duplicate = ExpectMsg<Computed>(TimeSpan.FromSeconds(15));
        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));
        var after = ExpectMsg<Computed>(TimeSpan.FromSeconds(15));

        Assert.Equal(new AoInteger(2), duplicate.State.Get("count"));
        Assert.Null(duplicate.State.Get("results"));
        Assert.Equal(new AoInteger(3), after.State.Get("count"));
        Assert.Equal("slot 3: other", after.State.GetMessage("results")!.GetText("data"));
        Assert.Equal(3, ((AoList)after.State.Get(DedupDevice.SeenKey)!).Count);
        Assert.Equal(0, fixture.Probe.AttemptsOf(2));
    }

    [Fact]
    public async Task Only_the_first_pass_deduplicates()
    {
        var resolver = new Resolver(HyperBeam.Core.Devices.DeviceRegistry.Preloaded.With(new DedupDevice()));
        var state = Message.Of(("device", DedupDevice.DeviceName), ("pass", 2));
        var request = Message.Of(("path", "compute"), ("body", TestProcesses.Labelled("x")));

        var result = await resolver.ResolveAsync(state, request);

        Assert.Equal(ResolveStatus.Ok, result.Status);
        Assert.Null(result.Message!.Get(DedupDevice.SeenKey));
    }
}
