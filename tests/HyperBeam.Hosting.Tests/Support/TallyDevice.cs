using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Hosting.Tests.Support;

/// <summary><c>tally@1.0</c>: an app's own execution device; <c>init</c> keeps the state, <c>compute</c> adds one to the state's <c>tally</c>.</summary>
public sealed class TallyDevice : Device
{
    public TallyDevice() : base("tally@1.0", new DeviceInfo { Exports = ["init", "compute"] })
    {
        Map("init", (state, _, _) => ValueTask.FromResult(ResolveResult.Ok(state)));
        Map("compute", (state, _, _) => ValueTask.FromResult(ResolveResult.Ok(
            state.Set("tally", (state.Get("tally") as AoInteger)?.Value + 1 ?? 1))));
    }
}
