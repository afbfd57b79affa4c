using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Engine;
using HyperBeam.Wasm.Emscripten;
using static HyperBeam.Lua.Tests.LuaTestKit;
using static HyperBeam.Lua.Tests.LuaSnapshotTests;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// Captured snapshots packed as their difference from the engine's memory right after loading its modules
/// (<see cref="CompressedMemory.PagesDeltaEncoding"/>): smaller than the whole pages, restored by a fresh device that
/// loads the same modules (the same genesis on every node) byte for byte, refused with the reason when that genesis is
/// not the one the delta was taken against; whole snapshots of earlier nodes still restore.
/// </summary>
public sealed class LuaDeltaSnapshotTests
{
    private static async Task<Message> CapturedAsync(LuaDevice device, Message @base)
    {
        var captured = await device.CaptureSnapshotAsync(@base);
        Assert.NotNull(captured);
        return await captured.PackAsync();
    }

    [Fact]
    public async Task A_captured_snapshot_is_its_difference_from_the_memory_after_loading_and_resumes_a_fresh_device_as_an_uninterrupted_run()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        for (var slot = 1; slot <= 6; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var delta = await CapturedAsync(device, @base);
        var whole = await SnapshotAsync(device, @base);
        var uninterrupted = new List<AoValue>();
        for (var slot = 7; slot <= 12; slot++) uninterrupted.Add(await ComputeAsync(ResolverFor(device), @base, slot));

        Assert.Equal(CompressedMemory.PagesDeltaEncoding, delta.GetText(LuaSnapshot.EncodingKey));
        Assert.NotNull(delta.GetText(LuaSnapshot.BaseKey));
        var deltaBytes = Assert.IsType<AoBinary>(delta.Get(LuaSnapshot.MemoryKey)).Memory.Length;
        var wholeBytes = Assert.IsType<AoBinary>(whole.Get(LuaSnapshot.MemoryKey)).Memory.Length;
        Assert.True(deltaBytes < wholeBytes, $"a delta of {deltaBytes} bytes against a whole snapshot of {wholeBytes}");
        Assert.Equal(uninterrupted, await ResumedAsync(@base, delta, 7, 12));
    }

    [Fact]
    public async Task A_device_restored_from_a_delta_holds_the_very_memory_and_its_own_captures_are_deltas_against_the_same_genesis()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        for (var slot = 1; slot <= 4; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var delta = await CapturedAsync(device, @base);
        var whole = await SnapshotAsync(device, @base);

        using var restored = new LuaDevice(FastLimits);
        await NormalizeAsync(restored, @base, delta);
        Assert.Equal(whole.Get(LuaSnapshot.MemoryKey), (await SnapshotAsync(restored, @base)).Get(LuaSnapshot.MemoryKey));
        for (var slot = 5; slot <= 8; slot++)
            Assert.Equal(await ComputeAsync(ResolverFor(device), @base, slot), await ComputeAsync(ResolverFor(restored), @base, slot));
        var again = await CapturedAsync(restored, @base);

        Assert.Equal(delta.GetText(LuaSnapshot.BaseKey), again.GetText(LuaSnapshot.BaseKey));
        Assert.Equal(await ComputeAsync(ResolverFor(device), @base, 9), (await ResumedAsync(@base, again, 9, 9)).Single());
    }

    [Fact]
    public async Task A_delta_against_another_genesis_is_refused_with_a_clear_error_rather_than_restored_wrong()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        for (var slot = 1; slot <= 3; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var delta = await CapturedAsync(device, @base);
        using var restored = new LuaDevice(FastLimits);

        var otherGenesis = await ResolverFor(restored).ResolveAsync(@base.Set("snapshot", delta.Set(LuaSnapshot.BaseKey, new string('0', 32))), "normalize");
        var noGenesis = await ResolverFor(restored).ResolveAsync(@base.Set("snapshot", delta.Remove(LuaSnapshot.BaseKey)), "normalize");
        var corrupt = await ResolverFor(restored).ResolveAsync(@base.Set("snapshot", delta.Set(LuaSnapshot.MemoryKey, new byte[] { 1, 2, 3 })), "normalize");

        Assert.Equal(ResolveStatus.Error, otherGenesis.Status);
        Assert.Contains("difference from the memory after loading", otherGenesis.ErrorMessage);
        Assert.Equal(ResolveStatus.Error, noGenesis.Status);
        Assert.Contains("(none)", noGenesis.ErrorMessage);
        Assert.Equal(ResolveStatus.Error, corrupt.Status);
        Assert.Contains("corrupt", corrupt.ErrorMessage);
        // The device goes on: the process computes from its genesis as if never snapshotted.
        using var fresh = new LuaDevice(FastLimits);
        Assert.Equal(await ComputeAsync(ResolverFor(fresh), @base, 1), await ComputeAsync(ResolverFor(restored), @base, 1));
    }

    [Fact]
    public async Task A_delta_cannot_be_read_without_the_genesis_it_was_taken_against()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        await ComputeAsync(ResolverFor(device), @base, 1);
        var delta = await CapturedAsync(device, @base);

        var (memory, error) = LuaSnapshot.Decode(delta, long.MaxValue);

        Assert.Null(memory);
        Assert.Contains("no base image", error);
    }

    [Fact]
    public async Task A_device_restored_from_a_whole_snapshot_of_an_earlier_node_captures_whole_snapshots_that_restore()
    {
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits);
        for (var slot = 1; slot <= 3; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var whole = await SnapshotAsync(device, @base);
        Assert.Equal(CompressedMemory.PagesEncoding, whole.GetText(LuaSnapshot.EncodingKey));

        using var restored = new LuaDevice(FastLimits);
        await NormalizeAsync(restored, @base, whole);
        await ComputeAsync(ResolverFor(restored), @base, 4);
        var captured = await CapturedAsync(restored, @base);

        Assert.Equal(CompressedMemory.PagesEncoding, captured.GetText(LuaSnapshot.EncodingKey));
        await ComputeAsync(ResolverFor(device), @base, 4);
        Assert.Equal(await ComputeAsync(ResolverFor(device), @base, 5), (await ResumedAsync(@base, captured, 5, 5)).Single());
    }
}
