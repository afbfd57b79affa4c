using Akka.Actor;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Devices.Router;
using HyperBeam.Hosting.Node;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Hosting.Devices;

/// <summary>
/// What the factories of <see cref="NodeDeviceTable"/> build on: the started node, and for the processes devices the
/// processes module's gateway and cron scheduler. One per supplier, so devices made together share one route planner.
/// </summary>
public sealed class DeviceSources(NodeContext node)
{
    private readonly Lazy<RoutePlanner> _planner = new(() => new RoutePlanner(random: node.Options.RouterRandom));

    public NodeContext Node => node;

    /// <summary>The route table relay@1.0 and router@1.0 share.</summary>
    public RoutePlanner Planner => _planner.Value;

    /// <summary>Signs with the node's wallet (relay requires-sign, push); null when the node has none.</summary>
    public Func<Message, Message>? Signer =>
        node.State.Wallet is { } wallet ? message => HttpSigCommitments.Commit(message, wallet) : null;

    private readonly IProcessGateway? _gateway;
    private readonly IActorRef? _cron;

    public IProcessGateway Gateway
    {
        get => _gateway ?? throw new InvalidOperationException("the processes devices need the processes module's gateway");
        init => _gateway = value;
    }

    public IActorRef Cron
    {
        get => _cron ?? throw new InvalidOperationException("cron@1.0 needs the processes module's cron scheduler");
        init => _cron = value;
    }
}
