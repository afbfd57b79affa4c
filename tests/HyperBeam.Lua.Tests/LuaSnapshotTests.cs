using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// <c>snapshot</c> is the whole Lua state and <c>normalize</c> restores it into a fresh engine: a process that restarts
/// at any slot computes exactly what a process that never restarted computes.
/// </summary>
public sealed class LuaSnapshotTests
{
    /// <summary>An AOS-like process: handlers are closures in a global list, a coroutine and a module kept across calls.</summary>
    private const string Process = """
        package.preload["ledger"] = function()
          local M = { balances = {} }
          function M.credit(who, n) M.balances[who] = (M.balances[who] or 0) + n; return M.balances[who] end
          return M
        end
        local ledger = require("ledger")
        Handlers = {}
        function Handlers.add(name, match, handle) Handlers[#Handlers + 1] = { name = name, match = match, handle = handle } end
        local seen = 0
        Handlers.add("credit", function(m) return m.action == "credit" end, function(m) return ledger.credit(m.who, m.amount) end)
        Handlers.add("count", function() return true end, function() seen = seen + 1; return seen end)
        Ticker = coroutine.wrap(function() local n = 0 while true do n = n + 1; coroutine.yield(n) end end)
        Notes = setmetatable({}, { __gc = function() end })
        function compute(base, req)
          local out = {}
          for _, h in ipairs(Handlers) do if h.match(req) then out[#out + 1] = h.handle(req) end end
          out[#out + 1] = Ticker()
          out[#out + 1] = math.random(1, 1000000)
          out[#out + 1] = os.time()
          if req.action == "eval" then out[#out + 1] = load("return " .. req.code)() end
          Notes[#Notes + 1] = string.rep("n", req.slot % 7)
          return out
        end
        """;

    [Fact]
    public async Task Restarting_from_snapshots_at_random_slots_gives_the_results_of_an_uninterrupted_run()
    {
        const int slots = 60;
        var @base = Base(Process);
        var uninterrupted = new List<AoValue>();
        using (var device = new LuaDevice(FastLimits))
        {
            var resolver = ResolverFor(device);
            for (var slot = 1; slot <= slots; slot++) uninterrupted.Add(await ComputeAsync(resolver, @base, slot));
        }

        var random = new Random(1234);
        var restartAt = Enumerable.Range(1, slots).Where(_ => random.Next(4) == 0).ToHashSet();
        Assert.NotEmpty(restartAt);
        var resumed = new List<AoValue>();
        var current = new LuaDevice(FastLimits);
        try
        {
            for (var slot = 1; slot <= slots; slot++)
            {
                if (restartAt.Contains(slot))
                {
                    var snapshot = await ResolverFor(current).ResolveAsync(@base, "snapshot");
                    Assert.True(snapshot.IsOk, snapshot.ToString());
                    current.Dispose();
                    current = new LuaDevice(FastLimits);
                    var normalized = await ResolverFor(current).ResolveAsync(@base.Set("snapshot", snapshot.Value), "normalize");
                    Assert.True(normalized.IsOk, normalized.ToString());
                }
                resumed.Add(await ComputeAsync(ResolverFor(current), @base, slot));
            }
        }
        finally
        {
            current.Dispose();
        }
        Assert.Equal(uninterrupted, resumed);
    }

    [Fact]
    public async Task Without_a_snapshot_a_fresh_device_starts_the_globals_over()
    {
        var @base = Base(Process);
        using var first = new LuaDevice(FastLimits);
        await ComputeAsync(ResolverFor(first), @base, 1);
        var again = await ComputeAsync(ResolverFor(first), @base, 2);
        using var fresh = new LuaDevice(FastLimits);
        var restarted = await ComputeAsync(ResolverFor(fresh), @base, 2);
        Assert.NotEqual(again, restarted);
    }

    [Fact]
    public async Task A_snapshot_of_another_engine_build_is_refused_with_a_clear_error()
    {
        using var device = new LuaDevice(FastLimits);
        var forged = Message.Of(("engine", "lua53.wasm/0000000000000000"), ("body", new byte[] { 1, 2, 3 }));
        var result = await ResolverFor(device).ResolveAsync(Base(Process).Set("snapshot", forged), "normalize");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("engine", result.ErrorMessage);
    }

    [Fact]
    public async Task A_corrupt_snapshot_is_refused_with_a_clear_error()
    {
        using var device = new LuaDevice(FastLimits);
        var snapshot = Assert.IsType<Message>((await ResolverFor(device).ResolveAsync(Base(Process), "snapshot")).Value);
        var corrupt = snapshot.Set("body", new byte[] { 0x78, 0x01, 0xff, 0xff, 0xff });
        var result = await ResolverFor(device).ResolveAsync(Base(Process).Set("snapshot", corrupt), "normalize");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("snapshot", result.ErrorMessage);
    }

    private static async Task<AoValue> ComputeAsync(Resolver resolver, Message @base, int slot)
    {
        var request = Message.Of(("path", "compute"), ("slot", slot), ("timestamp", 1_700_000_000_000L + slot * 1000L),
            ("action", (slot % 3) switch { 0 => "credit", 1 => "eval", _ => "other" }), ("who", $"w{slot % 4}"), ("amount", slot),
            ("code", $"{slot} // 2 + Ticker()"));
        var result = await resolver.ResolveAsync(@base, request);
        Assert.True(result.IsOk, $"slot {slot}: {result}");
        return result.Value;
    }
}
