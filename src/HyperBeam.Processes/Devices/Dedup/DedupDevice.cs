using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Devices.Dedup;

/// <summary>
/// <c>dedup@1.0</c> (HyperBEAM's <c>dev_dedup</c>), a device for an execution stack: on the first pass of any key it
/// skips (ends the stack for) a message it has already seen, and otherwise records its ID in the state's <c>dedup</c>
/// list. Later passes go through untouched.
/// <list type="bullet">
/// <item>The ID is that of the request's <c>body</c> (the scheduled message, as a process computes assignments whose
///   own IDs differ per slot), or of the request itself when it has no body, as in HyperBEAM.</item>
/// <item><c>init</c>, <c>normalize</c> and <c>snapshot</c> pass the state through (HyperBEAM would record and then
///   skip a second <c>normalize</c>, cutting the stack short after a restore); <c>keys</c> and <c>set</c> are message@1.0's.</item>
/// </list>
/// </summary>
public sealed class DedupDevice : Device
{
    public const string DeviceName = "dedup@1.0";
    public const string SeenKey = "dedup";

    private static readonly HashSet<string> PassThrough = new(DeviceKeyComparer.Instance) { "init", "normalize", "snapshot" };

    public DedupDevice()
        : base(DeviceName, new DeviceInfo { Handler = Handle, Excludes = ["keys", "set"] })
    {
    }

    private static ValueTask<ResolveResult> Handle(Message state, Message request, ResolveContext context)
    {
        if (PassThrough.Contains(context.Key)) return ValueTask.FromResult(ResolveResult.Ok(state));
        var pass = state.Get("pass") is AoInteger p ? p.Value : 1;
        if (pass != 1) return ValueTask.FromResult(ResolveResult.Ok(state));

        var id = MessageIds.All(request.Get("body") as Message ?? request);
        var seen = state.Get(SeenKey) as AoList ?? AoList.Empty;
        foreach (var item in seen)
            if (item is AoBinary b && b.Text == id) return ValueTask.FromResult(ResolveResult.Skip(state));
        return ValueTask.FromResult(ResolveResult.Ok(state.Set(SeenKey, new AoList(seen.Items.Insert(0, AoBinary.FromString(id))))));
    }
}
