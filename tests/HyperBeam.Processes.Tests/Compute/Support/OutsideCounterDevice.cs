using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>
/// An execution device that keeps its count outside the message, as lua@5.3a keeps Lua globals in its VM: only
/// <c>snapshot</c> carries it, and <c>normalize</c> of a state with that snapshot brings it back.
/// </summary>
internal sealed class OutsideCounterDevice : Device
{
    public const string DeviceName = "outside-counter@1.0";

    private long _count;

    public OutsideCounterDevice() : base(DeviceName)
    {
        Map("init", (state, _, _) => { _count = 0; return ValueTask.FromResult(ResolveResult.Ok(state)); });
        Map("compute", (state, _, _) =>
            ValueTask.FromResult(ResolveResult.Ok(state.Set("results", Message.Of(("data", $"count {++_count}"))))));
        Map("snapshot", (_, _, _) => ValueTask.FromResult(ResolveResult.Ok(Message.Of(("count", _count)))));
        Map("normalize", (state, _, _) =>
        {
            if (state.GetMessage("snapshot")?.Get("count") is AoInteger count) _count = count.Value;
            return ValueTask.FromResult(ResolveResult.Ok(state));
        });
    }
}
