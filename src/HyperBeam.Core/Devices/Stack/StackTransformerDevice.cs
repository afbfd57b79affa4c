using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Devices;

/// <summary>
/// <c>stack-transformer@1.0</c>: what <c>stack@1.0</c>'s <c>transform</c> key turns a message into.
/// <list type="bullet">
/// <item><c>&lt;name&gt;</c>: the message with device <c>name</c> of its <c>device-stack</c> swapped in (its prefixes
///   applied, <c>device-key</c> set), so the next path part runs on that single device.</item>
/// <item><c>set</c>, <c>keys</c>: left to <c>message@1.0</c>.</item>
/// </list>
/// </summary>
public sealed class StackTransformerDevice : Device
{
    public const string DeviceName = "stack-transformer@1.0";

    public StackTransformerDevice()
        : base(DeviceName, new DeviceInfo { Handler = Activate, Excludes = ["set", "keys"] })
    {
    }

    private static ValueTask<ResolveResult> Activate(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(StackDevice.Transform(@base, context.Key, AoBinary.FromString(context.Key)));
}
