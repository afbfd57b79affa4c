using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>
/// An execution device that keeps its count outside the message, as lua@5.3a keeps Lua globals in its VM: only
/// <c>snapshot</c> carries it, and <c>normalize</c> of a state with that snapshot brings it back. A dry-run base
/// (<see cref="DryRuns"/>) answers the next count without keeping it, as a fork would. <paramref name="crashAfter"/>
/// makes a compute throw after it changed the count (the worker crashes holding a half-applied slot);
/// <paramref name="beforeCompute"/> lets a test hold a slot. With <paramref name="packLater"/> its snapshot is captured
/// at once (the count as it is) and that function packs it, as lua@5.3a packs a captured memory on another thread (when
/// the computer asks; <paramref name="counts"/> tells how many were captured, packed and dropped unpacked).
/// </summary>
internal sealed class OutsideCounterDevice : Device, ISnapshotCapture
{
    public const string DeviceName = "outside-counter@1.0";

    private readonly Func<Message, Task<Message>>? _packLater;
    private readonly CaptureCounts _counts;
    private long _count;

    /// <param name="unrestorable">A <c>snapshot</c> normalize refuses, as lua@5.3a refuses a corrupt one or a delta of another genesis.</param>
    public OutsideCounterDevice(Func<long, bool>? crashAfter = null, Func<long, Task>? beforeCompute = null, Func<Message, Task<Message>>? packLater = null,
        CaptureCounts? counts = null, Func<Message, bool>? unrestorable = null)
        : base(DeviceName)
    {
        _packLater = packLater;
        _counts = counts ?? new CaptureCounts();
        Map("init", (state, _, _) => { _count = 0; return ValueTask.FromResult(ResolveResult.Ok(state)); });
        Map("compute", async (state, request, _) =>
        {
            var slot = request.Get("slot") is AoInteger s ? s.Value : -1;
            if (beforeCompute is not null) await beforeCompute(slot).ConfigureAwait(false);
            if (DryRuns.IsMarked(state)) return ResolveResult.Ok(state.Set("results", Message.Of(("data", $"count {_count + 1}"))));
            _count++;
            if (crashAfter?.Invoke(slot) == true) throw new InvalidOperationException($"crashed after slot {slot} changed the count");
            return ResolveResult.Ok(state.Set("results", Message.Of(("data", $"count {_count}"))));
        });
        Map("snapshot", (_, _, _) => ValueTask.FromResult(ResolveResult.Ok(Message.Of(("count", _count)))));
        Map("normalize", (state, _, _) =>
        {
            if (state.GetMessage("snapshot") is { } snapshot && unrestorable?.Invoke(snapshot) == true)
                return ValueTask.FromResult(ResolveResult.Failure("the snapshot cannot be restored: its base is not this node's"));
            if (state.GetMessage("snapshot")?.Get("count") is AoInteger count) _count = count.Value;
            return ValueTask.FromResult(ResolveResult.Ok(state));
        });
    }

    public ValueTask<CapturedSnapshot?> CaptureSnapshotAsync(Message @base)
    {
        if (_packLater is not { } packLater) return ValueTask.FromResult<CapturedSnapshot?>(null);
        var captured = Message.Of(("count", _count));
        _counts.OnCaptured();
        return ValueTask.FromResult<CapturedSnapshot?>(new CapturedSnapshot(
            () =>
            {
                _counts.OnPacked();
                // A pack runs on a pool thread of its own, as lua@5.3a's does: waiting here holds only that thread.
                return packLater(captured).GetAwaiter().GetResult();
            },
            _counts.OnDropped));
    }
}
