using HyperBeam.Core.Messages;
using static HyperBeam.Lua.Tests.LuaTestKit;
using static HyperBeam.Lua.Tests.LuaSnapshotTests;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// A snapshot captured for packing later (<see cref="LuaDevice.CaptureSnapshotAsync"/>): fixed at the call, packed on
/// another thread (held here until the test lets it run), at most one pending per VM, and free of the VM it came from.
/// </summary>
public sealed class LuaSnapshotCaptureTests
{
    [Fact]
    public async Task A_snapshot_packed_after_later_calls_is_the_state_at_its_capture()
    {
        var packs = new HeldTaskScheduler();
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits with { SnapshotPackScheduler = packs });
        for (var slot = 1; slot <= 4; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var packing = await device.CaptureSnapshotAsync(@base);
        Assert.NotNull(packing);
        var uninterrupted = new List<AoValue>();
        for (var slot = 5; slot <= 12; slot++) uninterrupted.Add(await ComputeAsync(ResolverFor(device), @base, slot));
        Assert.False(packing.IsCompleted, "the pack waits for the test");

        packs.RunAll();
        var snapshot = await packing;
        Assert.Equal(Wasm.Emscripten.CompressedMemory.PagesEncoding, snapshot.GetText(Engine.LuaSnapshot.EncodingKey));
        Assert.Equal(uninterrupted, await ResumedAsync(@base, snapshot, 5, 12));
    }

    [Fact]
    public async Task While_a_pack_is_pending_the_next_snapshot_of_that_vm_is_packed_in_place()
    {
        var packs = new HeldTaskScheduler();
        var @base = Base(Process);
        using var device = new LuaDevice(FastLimits with { SnapshotPackScheduler = packs });
        for (var slot = 1; slot <= 3; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var first = await device.CaptureSnapshotAsync(@base);
        await ComputeAsync(ResolverFor(device), @base, 4);
        var second = await device.CaptureSnapshotAsync(@base);

        // One pack pending per VM: the second was packed before the capture answered, and nothing more was queued.
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(first.IsCompleted);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(1, packs.Held);
        var next = await ComputeAsync(ResolverFor(device), @base, 5);

        Assert.Equal([next], await ResumedAsync(@base, await second, 5, 5));
        packs.RunAll();
        Assert.Equal(Wasm.Emscripten.CompressedMemory.PagesEncoding, (await first).GetText(Engine.LuaSnapshot.EncodingKey));
    }

    [Fact]
    public async Task Disposing_the_device_while_a_pack_is_pending_ends_the_vm_and_the_pack_still_gives_the_captured_state()
    {
        var packs = new HeldTaskScheduler();
        var @base = Base(Process);
        var device = new LuaDevice(FastLimits with { SnapshotPackScheduler = packs });
        for (var slot = 1; slot <= 4; slot++) await ComputeAsync(ResolverFor(device), @base, slot);
        var packing = await device.CaptureSnapshotAsync(@base);
        var next = await ComputeAsync(ResolverFor(device), @base, 5);

        // The VM's thread ends and its engine is freed while the pack waits: the pack holds a copy, not the VM.
        device.Dispose();
        await WaitUntilAsync(() => device.LiveVmThreads == 0);
        Assert.NotNull(packing);
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
}
