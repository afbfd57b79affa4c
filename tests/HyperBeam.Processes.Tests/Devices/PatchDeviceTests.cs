using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Devices.Patch;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Devices;

public sealed class PatchDeviceTests() : TestKit(ComputeTestConfig.InMemory)
{
    private static readonly Resolver Resolver = new(DeviceRegistry.Preloaded.With(new PatchDevice()));

    [Fact]
    public async Task Patch_messages_in_the_outbox_update_the_state_and_leave_the_outbox()
    {
        var state = Message.Of(
            ("device", PatchDevice.DeviceName),
            ("results", Message.Of(("outbox", Message.Of(
                ("1", Message.Of(("method", "PATCH"), ("prices", Message.Of(("apple", 100), ("banana", 200))))),
                ("2", Message.Of(("method", "GET"), ("prices", Message.Of(("apple", 1000))))))))),
            ("other-message", "other-value"),
            ("patch-to", "/"),
            ("patch-from", "/results/outbox"));

        var result = await Resolver.ResolveAsync(state, "compute");

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(new AoInteger(100), await Resolver.GetAsync(result.Message!, "prices/apple"));
        Assert.Null(await Resolver.GetAsync(result.Message!, "results/outbox/1"));
        Assert.NotNull(await Resolver.GetAsync(result.Message!, "results/outbox/2"));
        Assert.Null(await Resolver.GetAsync(result.Message!, "prices/method"));
    }

    [Fact]
    public async Task All_mode_moves_the_whole_source_under_the_target()
    {
        var state = Message.Of(
            ("device", PatchDevice.DeviceName),
            ("input", Message.Of(("zones", Message.Of(("1", Message.Of(("prices", Message.Of(("apple", 100))))))))),
            ("state", Message.Of(("prices", Message.Of(("apple", 1000))))));

        var result = await Resolver.ResolveAsync(state, Message.Of(("path", "all"), ("patch-to", "/state"), ("patch-from", "/input/zones")));

        Assert.Equal(new AoInteger(100), await Resolver.GetAsync(result.Message!, "state/1/prices/apple"));
        Assert.Null(await Resolver.GetAsync(result.Message!, "input/zones"));
    }

    [Fact]
    public async Task A_missing_source_is_not_found()
    {
        var state = Message.Of(("device", PatchDevice.DeviceName), ("patch-from", "/results/outbox"));

        Assert.Equal(ResolveStatus.NotFound, (await Resolver.ResolveAsync(state, "compute")).Status);
    }

    [Fact]
    public void In_a_process_stack_a_patch_from_the_outbox_updates_the_state()
    {
        var fixture = new ComputeFixture(
            stack: [MailerDevice.Name, PatchDevice.DeviceName],
            extraDevices: [MailerDevice.Create(), new PatchDevice()],
            bodies: [Message.Of(("label", "price"), ("set-price", 42))],
            processKeys: Message.Of(("patch-from", "/results/outbox"), ("patch-to", "/")));
        fixture.Settings = fixture.Settings with { ExecutionDevices = [] };
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 1));
        var computed = ExpectMsg<Computed>(TimeSpan.FromSeconds(15));

        Assert.Equal(new AoInteger(42), computed.State.GetMessage("prices")?.Get("apple"));
        Assert.Null(computed.State.GetMessage("results")!.GetMessage("outbox")?.Get("2"));
        Assert.Equal("price", computed.State.GetMessage("results")!.GetText("data"));
    }
}
