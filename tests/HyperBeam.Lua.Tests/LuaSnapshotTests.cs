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
    internal const string Process = """
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

    [Fact]
    public async Task A_snapshot_packs_only_the_engines_non_zero_pages_and_restores_the_very_same_memory()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        for (var slot = 1; slot <= 5; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var snapshot = await SnapshotAsync(device, @base);

        Assert.Equal(Wasm.Emscripten.CompressedMemory.PagesEncoding, snapshot.GetText(Engine.LuaSnapshot.EncodingKey));
        var (memory, error) = Engine.LuaSnapshot.Decode(snapshot, long.MaxValue);
        Assert.Null(error);
        // Restored into a fresh engine, the memory is byte for byte what was packed: its own snapshot is the same bytes.
        using var restored = new LuaDevice(FastLimits);
        await NormalizeAsync(restored, @base, snapshot);
        var again = await SnapshotAsync(restored, @base);
        var (memoryAgain, _) = Engine.LuaSnapshot.Decode(again, long.MaxValue);
        Assert.True(memory.AsSpan().SequenceEqual(memoryAgain));
        Assert.Equal(snapshot.Get(Engine.LuaSnapshot.MemoryKey), again.Get(Engine.LuaSnapshot.MemoryKey));
    }

    [Fact]
    public async Task Calls_after_a_snapshot_do_not_leak_into_it_and_restoring_it_computes_the_next_slot_as_an_uninterrupted_run()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        for (var slot = 1; slot <= 4; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var snapshot = await SnapshotAsync(device, @base);
        var (memoryAtSnapshot, _) = Engine.LuaSnapshot.Decode(snapshot, long.MaxValue);
        var uninterrupted = new List<AoValue>();
        for (var slot = 5; slot <= 12; slot++) uninterrupted.Add(await ComputeAsync(ResolverFor(device), @base, slot));
        var (memoryLater, _) = Engine.LuaSnapshot.Decode(await SnapshotAsync(device, @base), long.MaxValue);
        Assert.False(memoryAtSnapshot.AsSpan().SequenceEqual(memoryLater), "the calls after the snapshot changed the engine's memory");

        // The snapshot still holds slot 4's state: a fresh engine restored from it computes slots 5.. as the first did.
        Assert.Equal(uninterrupted, await ResumedAsync(@base, snapshot, 5, 12));
    }

    [Fact]
    public async Task A_snapshot_stored_in_the_earlier_one_mebibyte_chunk_encoding_still_restores()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        for (var slot = 1; slot <= 3; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var snapshot = await SnapshotAsync(device, @base);
        var (memory, _) = Engine.LuaSnapshot.Decode(snapshot, long.MaxValue);
        var earlier = snapshot
            .Set(Engine.LuaSnapshot.EncodingKey, Wasm.Emscripten.CompressedMemory.Encoding)
            .Set(Engine.LuaSnapshot.MemoryKey, Wasm.Emscripten.CompressedMemory.Compress(memory!));
        var next = await ComputeAsync(ResolverFor(device), @base, 4);

        using var restored = new LuaDevice(FastLimits);
        await NormalizeAsync(restored, @base, earlier);
        Assert.Equal(next, await ComputeAsync(ResolverFor(restored), @base, 4));
    }

    internal static async Task<Message> SnapshotAsync(LuaDevice device, Message @base)
    {
        var result = await ResolverFor(device).ResolveAsync(@base, "snapshot");
        Assert.True(result.IsOk, result.ToString());
        return Assert.IsType<Message>(result.Value);
    }

    internal static async Task NormalizeAsync(LuaDevice device, Message @base, Message snapshot)
    {
        var normalized = await ResolverFor(device).ResolveAsync(@base.Set("snapshot", snapshot), "normalize");
        Assert.True(normalized.IsOk, normalized.ToString());
    }

    /// <summary>Slots <paramref name="first"/>..<paramref name="last"/> computed by a fresh device restored from <paramref name="snapshot"/>.</summary>
    internal static async Task<List<AoValue>> ResumedAsync(Message @base, Message snapshot, int first, int last)
    {
        using var restored = new LuaDevice(FastLimits);
        await NormalizeAsync(restored, @base, snapshot);
        var resumed = new List<AoValue>();
        for (var slot = first; slot <= last; slot++) resumed.Add(await ComputeAsync(ResolverFor(restored), @base, slot));
        return resumed;
    }

    internal static async Task<AoValue> ComputeAsync(Resolver resolver, Message @base, int slot)
    {
        var request = Message.Of(("path", "compute"), ("slot", slot), ("timestamp", 1_700_000_000_000L + slot * 1000L),
            ("action", (slot % 3) switch { 0 => "credit", 1 => "eval", _ => "other" }), ("who", $"w{slot % 4}"), ("amount", slot),
            ("code", $"{slot} // 2 + Ticker()"));
        var result = await resolver.ResolveAsync(@base, request);
        Assert.True(result.IsOk, $"slot {slot}: {result}");
        return result.Value;
    }
}
