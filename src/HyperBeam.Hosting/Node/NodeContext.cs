using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Hosting.Node;

/// <summary>
/// What a module's devices can build on once the node has started: its options and identity, its store and message
/// cache and the resolve options built on it, the HTTP client relays use, the host's services and the actor system
/// with its registry (shard regions).
/// </summary>
public sealed record NodeContext(
    NodeOptions Options,
    NodeState State,
    StoreChain Store,
    MessageCache Cache,
    HttpClient RelayClient,
    IServiceProvider Services,
    ActorSystem ActorSystem,
    IActorRegistry Actors)
{
    /// <summary>
    /// The node's resolve options apart from its message and a caller's authority: its one resolution cache (counted,
    /// over the message cache) and its limits. Built once; the same ones <see cref="NodeCore.Resolution"/> uses.
    /// </summary>
    public ResolveOptions ResolveDefaults { get; init; } = ResolveOptions.Default;
}
