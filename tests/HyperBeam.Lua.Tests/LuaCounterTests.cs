using HyperBeam.Core.Messages;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaCounterTests
{
    [Fact]
    public async Task Compute_adds_one_to_the_count_each_call_keeping_state_only_in_the_message()
    {
        using var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        var state = Base(Scripts.Basics);
        for (var expected = 1; expected <= 5; expected++)
        {
            var result = await resolver.ResolveAsync(state, "compute");
            Assert.True(result.IsOk, result.ToString());
            state = Assert.IsType<Message>(result.Value);
            Assert.Equal(new AoInteger(expected), state.Get("count"));
        }

        // A fresh device (fresh VMs) continues from the message alone.
        using var other = new LuaDevice(FastLimits);
        var next = await ResolverFor(other).ResolveAsync(state, "compute");
        Assert.Equal(new AoInteger(6), Assert.IsType<Message>(next.Value).Get("count"));
    }

    [Fact]
    public async Task The_returned_message_keeps_the_module_and_device_so_it_can_be_resolved_again()
    {
        using var device = new LuaDevice(FastLimits);
        var result = await ResolverFor(device).ResolveAsync(Base(Scripts.Basics), "compute");
        var state = Assert.IsType<Message>(result.Value);
        Assert.Equal(AoBinary.FromString(LuaDevice.DeviceName), state.Get("device"));
        Assert.NotNull(state.GetMessage("module"));
    }
}
