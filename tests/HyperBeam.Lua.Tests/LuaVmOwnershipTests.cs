using HyperBeam.Core.Messages;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// A VM's globals belong to one process: processes spawned from the same module (every AOS user spawns the same one)
/// never see each other's globals, callers that are no process never see what another left, and a dry run leaves
/// the process's globals as they were.
/// </summary>
public sealed class LuaVmOwnershipTests
{
    /// <summary>Keeps its count in a Lua global, not in the message.</summary>
    private const string GlobalCounter = """
        Count = 0
        function compute(base, req)
          Count = Count + 1
          base.count = Count
          return base
        end
        """;

    private static Message ProcessState(string name) =>
        Base(GlobalCounter, ("process", Message.Of(("name", name), ("type", "Process"))));

    private static async Task<AoValue?> CountAfterComputeAsync(HyperBeam.Core.Resolution.Resolver resolver, Message state)
    {
        var result = await resolver.ResolveAsync(state, "compute");
        Assert.True(result.IsOk, result.ToString());
        return Assert.IsType<Message>(result.Value).Get("count");
    }

    [Fact]
    public async Task Two_processes_spawned_from_the_same_module_each_count_in_their_own_globals()
    {
        using var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        var (a, b) = (ProcessState("a"), ProcessState("b"));

        Assert.Equal(new AoInteger(1), await CountAfterComputeAsync(resolver, a));
        Assert.Equal(new AoInteger(2), await CountAfterComputeAsync(resolver, a));
        Assert.Equal(new AoInteger(3), await CountAfterComputeAsync(resolver, a));

        Assert.Equal(new AoInteger(1), await CountAfterComputeAsync(resolver, b));
        Assert.Equal(new AoInteger(4), await CountAfterComputeAsync(resolver, a));
    }

    [Fact]
    public async Task Calls_on_a_base_that_is_no_process_state_never_see_globals_another_call_left()
    {
        using var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);

        Assert.Equal(new AoInteger(1), await CountAfterComputeAsync(resolver, Base(GlobalCounter).Remove(LuaDevice.OwnerKey)));
        Assert.Equal(new AoInteger(1), await CountAfterComputeAsync(resolver, Base(GlobalCounter, ("caller", "other")).Remove(LuaDevice.OwnerKey)));
    }

    [Fact]
    public async Task A_dry_run_sees_the_process_globals_and_leaves_them_as_they_were()
    {
        using var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        var state = ProcessState("a");
        await CountAfterComputeAsync(resolver, state);
        await CountAfterComputeAsync(resolver, state);

        Assert.Equal(new AoInteger(3), await CountAfterComputeAsync(resolver, state.Set("priv-dry-run", "true")));
        Assert.Equal(new AoInteger(3), await CountAfterComputeAsync(resolver, state));
    }
}
