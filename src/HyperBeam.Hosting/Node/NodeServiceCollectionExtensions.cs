using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Actors;
using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Nodes;
using HyperBeam.Http.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperBeam.Hosting.Node;

/// <summary>Registers a node's parts in a host's container; the actor system is added separately (<see cref="AkkaNodeExtensions"/>).</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="core"/> (its options, its state, and the resolve queue in front of its guardian, which
    /// the container makes from the actor registry once the node has started), each module's services, and a hosted service that
    /// opens the wallet and store when the host starts. The container disposes the core only when
    /// <paramref name="ownedByContainer"/>; a stand-alone node disposes it itself.
    /// </summary>
    public static IServiceCollection AddHyperBeamNode(this IServiceCollection services, NodeCore core, bool ownedByContainer = false)
    {
        if (ownedByContainer) services.AddSingleton(_ => core);
        else services.AddSingleton(core);
        services.AddSingleton(sp => sp.GetRequiredService<NodeCore>().Options);
        services.AddSingleton(sp => sp.GetRequiredService<NodeCore>().CreateQueue(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<IRequiredActor<NodeGuardian>>()));
        services.AddSingleton(sp => sp.GetRequiredService<NodeCore>().CreateResolution(sp.GetRequiredService<ResolveQueue>()));
        services.AddSingleton<NodeState>(sp => sp.GetRequiredService<NodeCore>().State);
        services.AddHostedService<NodeOpening>();
        foreach (var module in core.Modules) module.ConfigureServices(services, core.Options);
        return services;
    }

    /// <summary>Opens the node when the host starts, before the actor system if registered before it (it waits either way).</summary>
    private sealed class NodeOpening(NodeCore core) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => core.OpenAsync().WaitAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
