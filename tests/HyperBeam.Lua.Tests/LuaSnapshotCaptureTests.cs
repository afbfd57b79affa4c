using HyperBeam.Core.Messages;
using static HyperBeam.Lua.Tests.LuaTestKit;
using static HyperBeam.Lua.Tests.LuaSnapshotTests;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// A snapshot captured for packing later (<see cref="LuaDevice.CaptureSnapshotAsync"/>): fixed at the call, packed on
/// another thread when asked (held here until the test lets it run) or dropped unpacked, and
/// free of the VM it came from; the copies out per VM hold a bounded number of bytes.
/// </summary>
public sealed class LuaSnapshotCaptureTests
{
    // The counter's engine fits one pooled block per capture: three captures out, then the fourth is packed in place.
    private const long ThreeBlocks = 3L << 20;

    [Fact]
    public async Task A_snapshot_packed_after_later_calls_is_the_state_at_its_capture()
    {
        var packs = new HeldTaskScheduler();
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits with { SnapshotPackScheduler = packs, MaxCapturedBytesOut = ThreeBlocks });
        for (var slot = 1; slot <= 4; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var captured = await device.CaptureSnapshotAsync(@base);
        Assert.NotNull(captured);
        Assert.Null(captured.Packed);
        var uninterrupted = new List<AoValue>();
        for (var slot = 5; slot <= 12; slot++) uninterrupted.Add(await ComputeAsync(ResolverFor(device), @base, slot));
        var packing = captured.PackAsync();
        Assert.False(packing.IsCompleted, "the pack waits for the test");

        packs.RunAll();
        var snapshot = await packing;
        Assert.Equal(Wasm.Emscripten.CompressedMemory.PagesEncoding, snapshot.GetText(Engine.LuaSnapshot.EncodingKey));
        Assert.Equal(uninterrupted, await ResumedAsync(@base, snapshot, 5, 12));
    }

    [Fact]
    public async Task Past_the_bytes_captures_out_may_hold_the_next_snapshot_of_that_vm_is_packed_in_place()
    {
        var packs = new HeldTaskScheduler();
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits with { SnapshotPackScheduler = packs, MaxCapturedBytesOut = ThreeBlocks });
        var captures = await ComputeAndCaptureAsync(device, @base, 3);
        await ComputeAsync(ResolverFor(device), @base, 4);
        var fourth = await device.CaptureSnapshotAsync(@base);

        // Three copies out (a block each), none packed or dropped: the fourth was packed before the capture answered.
        Assert.All(captures, c => Assert.Null(c.Packed));
        Assert.NotNull(fourth?.Packed);
        Assert.Equal(0, packs.Held);
        var next = await ComputeAsync(ResolverFor(device), @base, 5);
        Assert.Equal([next], await ResumedAsync(@base, fourth.Packed, 5, 5));
        foreach (var capture in captures) capture.Dispose();
    }

    [Fact]
    public async Task A_capture_dropped_unpacked_or_packed_frees_its_place_for_the_next_capture()
    {
        var packs = new HeldTaskScheduler();
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits with { SnapshotPackScheduler = packs, MaxCapturedBytesOut = ThreeBlocks });
        var captures = await ComputeAndCaptureAsync(device, @base, 3);

        // Dropped: its copy goes back, never packed, and the VM captures for later again.
        captures[0].Dispose();
        await ComputeAsync(ResolverFor(device), @base, 4);
        var afterDrop = await device.CaptureSnapshotAsync(@base);
        Assert.Null(afterDrop?.Packed);
        Assert.Equal(0, packs.Held);
        await Assert.ThrowsAsync<ObjectDisposedException>(captures[0].PackAsync);

        // Packed: its place is free once the pack ran.
        var packing = captures[1].PackAsync();
        packs.RunAll();
        await packing;
        await ComputeAsync(ResolverFor(device), @base, 5);
        var afterPack = await device.CaptureSnapshotAsync(@base);
        Assert.Null(afterPack?.Packed);

        var next = await ComputeAsync(ResolverFor(device), @base, 6);
        var packed = afterPack!.PackAsync();
        packs.RunAll();
        Assert.Equal([next], await ResumedAsync(@base, await packed, 6, 6));
        captures[2].Dispose();
        afterDrop!.Dispose();
    }

    [Fact]
    public async Task Disposing_the_device_while_a_capture_waits_ends_the_vm_and_its_pack_still_gives_the_captured_state()
    {
        var packs = new HeldTaskScheduler();
        var @base = Base(Process);
        var device = new LuaDevice(FastLimits with { SnapshotPackScheduler = packs, MaxCapturedBytesOut = ThreeBlocks });
        for (var slot = 1; slot <= 4; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var captured = await device.CaptureSnapshotAsync(@base);
        var next = await ComputeAsync(ResolverFor(device), @base, 5);

        // The VM's thread ends and its engine is freed while the capture waits: it holds a copy, not the VM.
        device.Dispose();
        await WaitUntilAsync(() => device.LiveVmThreads == 0);
        Assert.NotNull(captured);
        var packing = captured.PackAsync();
        Assert.False(packing.IsCompleted);

        packs.RunAll();
        Assert.Equal([next], await ResumedAsync(@base, await packing, 5, 5));
    }

    [Fact]
    public async Task A_base_whose_vm_was_not_the_last_used_is_not_captured_here()
    {
        using var device = new LuaDevice(FastLimits);
        Assert.Null(await device.CaptureSnapshotAsync(Base(Process)));
    }

    /// <summary>Computes slots 1 to <paramref name="slots"/>, capturing (not packing) the state after each.</summary>
    private static async Task<List<Core.Devices.CapturedSnapshot>> ComputeAndCaptureAsync(LuaDevice device, Message @base, int slots)
    {
        var captures = new List<Core.Devices.CapturedSnapshot>();
        for (var slot = 1; slot <= slots; slot++)
        {
            await ComputeAsync(ResolverFor(device), @base, slot);
            captures.Add((await device.CaptureSnapshotAsync(@base))!);
        }
        return captures;
    }
}
