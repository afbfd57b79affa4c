using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// A base evaluated without effect (process@1.0's <c>as</c>, aoconnect's dryrun) carries the private mark
/// <c>priv-dry-run</c>: devices that keep state outside the message (lua@5.3a's VM) leave that state untouched.
/// Private, so no request can set it; here, so the device that marks and the devices that read agree on one name.
/// </summary>
public static class DryRuns
{
    public const string Key = "priv-dry-run";

    public static Message Mark(Message @base) => @base.Set(Key, AoBinary.FromString("true"));

    public static bool IsMarked(Message @base) => @base.Priv.ContainsKey(MessageKeys.PrivateSuffix(Key));
}
