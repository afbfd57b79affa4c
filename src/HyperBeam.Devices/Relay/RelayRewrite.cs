using HyperBeam.Core.Messages;

namespace HyperBeam.Devices.Relay;

/// <summary>
/// What a <c>request</c> hook returns to send a request elsewhere instead of resolving it here (HyperBEAM's
/// <c>dev_relay:request</c> and <c>dev_router:preprocess</c>): the sequence <c>[{device: relay@1.0},
/// {path: call, target: body, body: request}]</c>, which relays the original request.
/// </summary>
public static class RelayRewrite
{
    public static Message Of(Message original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Message.Of(("body", AoList.Of(
            Message.Of(("device", DeviceNames.Relay)),
            Message.Of(("path", "call"), ("target", "body"), ("body", original)))));
    }
}
