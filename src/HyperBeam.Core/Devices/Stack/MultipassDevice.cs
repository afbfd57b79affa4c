using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Devices;

/// <summary>
/// <c>multipass@1.0</c> (HyperBEAM's <c>dev_multipass</c>): the last device of a stack whose devices need several
/// passes (<c>json-iface@1.0</c> writes its call on pass 1 and reads the answer on pass 2). On any key but
/// <c>keys</c> and <c>set</c> it answers <c>pass</c> with the state while the state's <c>pass</c> (default 1) is below
/// its <c>passes</c> (default 1), so <c>stack@1.0</c> runs the stack again; then <c>ok</c> with the state unchanged.
/// </summary>
public sealed class MultipassDevice : Device
{
    public const string DeviceName = "multipass@1.0";

    public MultipassDevice()
        : base(DeviceName, new DeviceInfo { Handler = Handle, Excludes = ["keys", "set"] })
    {
    }

    private static ValueTask<ResolveResult> Handle(Message state, Message request, ResolveContext ctx)
    {
        var passes = Number(MessageDevice.GetValue(state, "passes"));
        var pass = Number(MessageDevice.GetValue(state, "pass"));
        return ValueTask.FromResult(pass < passes ? ResolveResult.Pass(state) : ResolveResult.Ok(state));
    }

    /// <summary>An integer, or its text as a process definition sent without a type may carry it; else 1.</summary>
    private static long Number(AoValue? value) => value switch
    {
        AoInteger i => i.Value,
        AoBinary b when long.TryParse(b.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => 1,
    };
}
