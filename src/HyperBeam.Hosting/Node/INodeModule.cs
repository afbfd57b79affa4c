using Akka.Hosting;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Wallets;
using HyperBeam.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Node;

/// <summary>
/// A part of a node that plugs into its composition: services, Akka.NET setup (cluster, persistence, shard regions),
/// devices and HTTP endpoints. Every method has a default that adds nothing, so a module implements only what it
/// needs. The same modules compose a stand-alone node (<see cref="HyperBeamNode.StartAsync"/>) and an embedded one
/// (<c>services.AddHyperBeam(...)</c>), in this order: services, Akka, (the node opens, the actor system starts),
/// store, devices, then endpoints as the host maps them.
/// </summary>
public interface INodeModule
{
    /// <summary>Registers what the module needs in the host's container, before the host is built.</summary>
    void ConfigureServices(IServiceCollection services, NodeOptions options)
    {
    }

    /// <summary>
    /// Composes the node's store chain from the configured one (e.g. puts a store in front of it), once the actor
    /// system has started and the modules' actors (shard regions, in <paramref name="actors"/>) exist, before the
    /// devices are made. The returned chain replaces <paramref name="configured"/> and owns its stores.
    /// </summary>
    StoreChain ComposeStore(StoreChain configured, NodeOptions options, IReadOnlyActorRegistry actors) => configured;

    /// <summary>
    /// Configures the actor system (HOCON, cluster, persistence, shard regions). Runs before the node starts its own
    /// actors, so what is registered here (e.g. a shard region in the <see cref="IActorRegistry"/>) exists when
    /// <see cref="ConfigureDevices"/> runs. <paramref name="wallet"/> is the node's own (loaded once, owned by the node).
    /// </summary>
    void ConfigureAkka(AkkaConfigurationBuilder akka, NodeOptions options, Wallet wallet)
    {
    }

    /// <summary>Adds or replaces devices, once the actor system has started and the store is open.</summary>
    DeviceRegistry ConfigureDevices(DeviceRegistry devices, NodeContext node) => devices;

    /// <summary>Maps endpoints beside the node's own; they take precedence over the node's catch-all AO paths.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
