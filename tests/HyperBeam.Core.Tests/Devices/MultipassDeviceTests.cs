using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Devices;

/// <summary>HyperBEAM's <c>dev_multipass</c> test, and multipass@1.0 ending a stack that runs twice.</summary>
public class MultipassDeviceTests
{
    private static readonly Resolver Resolver = new(DeviceRegistry.Preloaded.With(
        new MultipassDevice(), StackTestDevices.Append("append-d1@1.0", "+D1")));

    [Fact]
    public async Task Below_its_passes_it_asks_for_another_pass_and_at_the_last_it_is_done()
    {
        var first = Message.Of(("device", "multipass@1.0"), ("passes", 2), ("pass", 1));
        Assert.Equal(ResolveStatus.Pass, (await Resolver.ResolveAsync(first, "Compute")).Status);
        Assert.Equal(ResolveStatus.Ok, (await Resolver.ResolveAsync(first.Set("pass", new AoInteger(2)), "Compute")).Status);
    }

    [Fact]
    public async Task A_stack_ending_in_it_runs_its_devices_once_per_pass()
    {
        var stack = Message.Of(("device", "stack@1.0"), ("device-stack", AoList.Of("append-d1@1.0", "multipass@1.0")),
            ("passes", 2), ("result", "INIT"));
        var result = await Resolver.ResolveAsync(stack, Message.Of(("path", "append"), ("bin", "_")));
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal("INIT+D1_+D1_", ((Message)result.Value).GetText("result"));
    }
}
