using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaLimitTests : IDisposable
{
    private const string Runaways = """
        Calls = (Calls or 0) + 1
        function loaded() return Calls end
        function spin() while true do end end
        function spin_catching() while true do pcall(function() while true do end end) end end
        function spin_in_coroutine()
          local co = coroutine.create(function() while true do end end)
          return coroutine.resume(co)
        end
        function recurse(n) return recurse(n + 1) + 1 end
        function grow()
          local t = {}
          local i = 0
          while true do i = i + 1; t[i] = { i, i, i } end
        end
        function big_string() return #string.rep("x", 64 * 1024 * 1024) end
        function grow_catching()
          local kept = {}
          local unit = string.rep("y", 1024)
          for i = 1, 40 do
            pcall(function() local s = string.rep(unit, 8 * 1024, tostring(i)); kept[#kept + 1] = s end)
          end
          return #kept
        end
        function modest()
          local t = {}
          for i = 1, 10000 do t[i] = i end
          return #t
        end
        """;

    private readonly LuaDevice _device = new(FastLimits);

    public void Dispose() => _device.Dispose();

    [Theory]
    [InlineData("spin")]
    [InlineData("spin_catching")]
    [InlineData("spin_in_coroutine")]
    public async Task A_runaway_script_is_stopped_by_the_instruction_budget(string function)
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Runaways), function);
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("instruction budget", result.ErrorMessage);
        Assert.Equal(AoBinary.FromString("instruction-budget"), Assert.IsType<Message>(result.Value).Get("kind"));
    }

    [Fact]
    public async Task A_runaway_with_budget_to_spare_is_stopped_by_the_wall_time_limit()
    {
        using var device = new LuaDevice(FastLimits with { InstructionBudget = long.MaxValue / 1000, WallTimeLimit = TimeSpan.FromMilliseconds(100) });
        var result = await ResolverFor(device).ResolveAsync(Base(Runaways), "spin");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("wall-time limit", result.ErrorMessage);
        Assert.Equal(AoBinary.FromString("wall-time"), Assert.IsType<Message>(result.Value).Get("kind"));
    }

    [Theory]
    [InlineData("spin")]
    [InlineData("spin_catching")]
    [InlineData("spin_in_coroutine")]
    [InlineData("grow_and_spin")]
    public async Task After_a_runaway_the_vm_is_back_at_its_state_before_that_call(string runaway)
    {
        const string process = Runaways + "\n" + """
            Balance = 0
            function credit() Balance = Balance + 10; return Balance end
            function grow_and_spin() Balance = -1; Junk = {}; for i = 1, 1e9 do Junk[i] = i end end
            """;
        var resolver = ResolverFor(_device);
        var @base = Base(process);
        for (var i = 0; i < 100; i++) await resolver.ResolveAsync(@base, "credit");
        var failed = await resolver.ResolveAsync(@base, runaway);
        Assert.Equal(ResolveStatus.Error, failed.Status);
        // Every global the earlier calls made is intact and what the runaway did is undone; the module did not run again.
        var after = await resolver.ResolveAsync(@base, "credit");
        Assert.True(after.IsOk, after.ToString());
        Assert.Equal(new AoInteger(1010), after.Value);
        Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(@base, "loaded")).Value);
        Assert.Equal(1, _device.VmCount);
        Assert.Equal(1, _device.LiveVmThreads);
    }

    [Fact]
    public async Task Runaways_after_many_checkpoints_each_written_over_the_last_go_back_to_the_state_before_them()
    {
        const string process = Runaways + "\n" + """
            Balance = 0
            function credit() Balance = Balance + 10; Junk = string.rep("z", Balance); return Balance end
            """;
        // A checkpoint every 7 calls: each round writes three over the one before, in the same array.
        using var device = new LuaDevice(FastLimits with { RecoveryCheckpointEvery = 7 });
        var resolver = ResolverFor(device);
        var @base = Base(process);
        for (var round = 1; round <= 3; round++)
        {
            for (var i = 0; i < 23; i++) await resolver.ResolveAsync(@base, "credit");
            Assert.Equal(ResolveStatus.Error, (await resolver.ResolveAsync(@base, "spin")).Status);
            var after = await resolver.ResolveAsync(@base, "credit");
            Assert.True(after.IsOk, after.ToString());
            Assert.Equal(new AoInteger(240 * round), after.Value);
        }
        Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(@base, "loaded")).Value);
    }

    [Fact]
    public async Task A_vm_rebuilt_after_a_runaway_replays_each_call_with_the_clock_of_its_own_request()
    {
        const string process = Runaways + "\n" + """
            Stamps = ""
            function stamp() Stamps = Stamps .. os.time() .. ";"; return Stamps end
            """;
        var resolver = ResolverFor(_device);
        var @base = Base(process);
        for (var i = 1; i <= 3; i++)
            await resolver.ResolveAsync(@base, Message.Of(("path", "stamp"), ("timestamp", 1_700_000_000_000L + i * 1000L)));
        Assert.Equal(ResolveStatus.Error, (await resolver.ResolveAsync(@base, "spin")).Status);

        // The replayed calls saw their own timestamps again, not the runaway's clock nor the machine's.
        var after = await resolver.ResolveAsync(@base, Message.Of(("path", "stamp"), ("timestamp", 1_700_000_004_000L)));
        Assert.Equal(AoBinary.FromString("1700000001;1700000002;1700000003;1700000004;"), after.Value);
    }

    [Fact]
    public async Task A_call_whose_arguments_do_not_convert_reaches_no_engine_and_a_later_rebuild_replays_around_it()
    {
        const string process = Runaways + "\n" + """
            Balance = 0
            function credit() Balance = Balance + 10; return Balance end
            """;
        var resolver = ResolverFor(_device);
        var @base = Base(process);
        await resolver.ResolveAsync(@base, "credit");
        var deep = Message.Of(("path", "credit"), ("deep", NestedBeyondTheWireDepth()));
        var refused = await resolver.ResolveAsync(@base, deep);
        Assert.Equal(ResolveStatus.Error, refused.Status);
        await resolver.ResolveAsync(@base, "credit");
        Assert.Equal(ResolveStatus.Error, (await resolver.ResolveAsync(@base, "spin")).Status);

        Assert.Equal(new AoInteger(30), (await resolver.ResolveAsync(@base, "credit")).Value);
    }

    private static Message NestedBeyondTheWireDepth()
    {
        var nested = Message.Of(("leaf", 1));
        for (var i = 0; i < HyperBeam.Lua.Engine.LuaWireWriter.MaxDepth + 5; i++) nested = Message.Of(("inner", nested));
        return nested;
    }

    [Fact]
    public async Task Unbounded_recursion_is_an_error_not_a_crash()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Runaways), Message.Of(("path", "recurse"), ("parameters", AoList.Of(1))));
        Assert.Equal(ResolveStatus.Error, result.Status);
    }

    [Theory]
    [InlineData("grow")]
    [InlineData("big_string")]
    public async Task A_memory_bomb_is_stopped_by_the_memory_limit(string function)
    {
        // The budget meters the collector's work too (Wasmtime fuel), so filling 16 MiB of small tables needs more
        // than the fast budget: with a larger one the memory limit is what stops it.
        using var device = new LuaDevice(FastLimits with { InstructionBudget = 50_000_000 });
        var result = await ResolverFor(device).ResolveAsync(Base(Runaways), function);
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("memory limit", result.ErrorMessage);
    }

    [Fact]
    public async Task Catching_memory_errors_does_not_lift_the_limit()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Runaways), "grow_catching");
        // Either the script gives up holding at most 16 MiB, or the limit ends the call; it never holds 320 MiB.
        if (result.IsOk) Assert.InRange(((AoInteger)result.Value).Value, 0, 2);
        else Assert.Contains("memory limit", result.ErrorMessage);
    }

    [Fact]
    public async Task The_budget_is_per_call_so_many_modest_calls_all_succeed()
    {
        var resolver = ResolverFor(_device);
        var @base = Base(Runaways);
        for (var i = 0; i < 30; i++) Assert.Equal(new AoInteger(10000), (await resolver.ResolveAsync(@base, "modest")).Value);
    }

    [Fact]
    public async Task Top_level_module_code_has_a_budget_too()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("while true do end"), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("instruction budget", result.ErrorMessage);
    }
}
