using HyperBeam.Core.Messages;
using HyperBeam.Devices.Relay;
using HyperBeam.Devices.Router;

namespace HyperBeam.Devices.Tests.Support;

/// <summary>What <see cref="StandardDevices.AddStandardDevices"/> needs besides the HTTP client; every part is optional.</summary>
public sealed record StandardDeviceOptions
{
    /// <summary>Timeouts and limits for <c>relay@1.0</c>.</summary>
    public RelayOptions? Relay { get; init; }

    /// <summary>The node's live route table (to share it, or inspect it); a new one when null.</summary>
    public RouteTable? Routes { get; init; }

    /// <summary>The randomness of the <c>Random</c> and <c>By-Weight</c> strategies; <see cref="System.Random.Shared"/> when null.</summary>
    public Random? Random { get; init; }

    /// <summary>Signs outgoing messages with the node's wallet for <c>requires-sign</c>; such relays fail without it.</summary>
    public Func<Message, Message>? Signer { get; init; }
}
