using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// Work the old engine's instruction hook could not see (finalizers, long native string work) and resource bombs: each
/// is an error result, the VM is discarded, and nothing keeps running or holding memory afterwards.
/// </summary>
public sealed class LuaHostileTests : IDisposable
{
    private const string Hostile = """
        function gc_loop()
          setmetatable({}, { __gc = function() while true do end end })
          collectgarbage()
          return "survived"
        end
        function find_backtracking() return string.find(string.rep("a", 40000), ".-.-.-.-.-b") end
        function rep_concat()
          local s = "x"
          for i = 1, 1e9 do s = s .. string.rep("y", 1024) end
          return #s
        end
        function deep(n) return 1 + deep(n + 1) end
        function deep_protected() local _, err = pcall(deep_protected) error(err, 0) end
        function bomb() local t = {} for i = 1, 1e9 do t[i] = string.rep("z", 4096, tostring(i)) end end
        function fine() return "fine" end
        """;

    private readonly LuaDevice _device = new(FastLimits with { InstructionBudget = 50_000_000 });

    // Wasmtime's compile threads take the name of the thread that first compiles the shared engine. Were that one of
    // this class's VM threads, they would be counted below as threads the runaway left behind.
    static LuaHostileTests() => _ = Engine.LuaEngineImage.Instance;

    public void Dispose() => _device.Dispose();

    [Theory]
    [InlineData("gc_loop", "instruction budget")]
    [InlineData("find_backtracking", "instruction budget")]
    [InlineData("rep_concat", "")]
    [InlineData("bomb", "")]
    public async Task Hostile_work_is_an_error_result_and_leaves_no_thread_or_engine_behind(string function, string reason)
    {
        var resolver = ResolverFor(_device);
        var result = await resolver.ResolveAsync(Base(Hostile), function);
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains(reason, result.ErrorMessage);
        Assert.Matches("instruction budget|memory limit", result.ErrorMessage);
        // The VM is back at its state before the call, on the same thread: nothing else is left running.
        Assert.Equal("fine", (await resolver.ResolveAsync(Base(Hostile), "fine")).Text());
        Assert.Equal(1, _device.VmCount);
        Assert.Equal(1, _device.LiveVmThreads);
        await AssertNothingKeepsRunningAsync();
    }

    [Theory]
    [InlineData("deep", "stack overflow|memory limit")]
    [InlineData("deep_protected", "stack overflow|error handling|memory limit")]
    public async Task Deep_recursion_is_an_error_result_not_a_crash(string function, string reason)
    {
        var resolver = ResolverFor(_device);
        var result = await resolver.ResolveAsync(Base(Hostile), Message.Of(("path", function), ("parameters", AoList.Of(1))));
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Matches(reason, result.ErrorMessage);
        Assert.Equal("fine", (await resolver.ResolveAsync(Base(Hostile), "fine")).Text());
        Assert.Equal(1, _device.LiveVmThreads);
        await AssertNothingKeepsRunningAsync();
    }

    /// <summary>
    /// One operating-system thread serves the hostile module's VM (no thread was left behind by the runaway), and it
    /// is idle: nothing of the runaway keeps burning a core after its error result.
    /// </summary>
    private static async Task AssertNothingKeepsRunningAsync()
    {
        var name = VmThreads.NameFor(Hostile);
        // Eventually, not at once: the VM of the test before (same module, device disposed) may still be ending.
        await WaitUntilAsync(() => VmThreads.Named(name).Count <= 1);
        await VmThreads.WaitUntilIdleAsync(name);
    }
}
