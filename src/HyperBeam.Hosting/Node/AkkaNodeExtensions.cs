using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;

namespace HyperBeam.Hosting.Node;

/// <summary>Adds a node to an Akka.Hosting actor system: its HOCON, its modules' Akka setup, and its actors.</summary>
public static class AkkaNodeExtensions
{
    /// <param name="akka">The builder of the actor system that hosts the node.</param>
    /// <param name="core">The node.</param>
    /// <param name="hocon">
    /// How the node's HOCON combines with the builder's: <see cref="HoconAddMode.Prepend"/> (the node's wins) for a
    /// stand-alone node, <see cref="HoconAddMode.Append"/> (the app's wins) in an app that configures Akka itself.
    /// </param>
    public static AkkaConfigurationBuilder WithHyperBeamNode(this AkkaConfigurationBuilder akka, NodeCore core, HoconAddMode hocon = HoconAddMode.Prepend)
    {
        if (core.Options.AkkaConfig is { } config) akka.AddHocon(config, hocon);
        // The node opens (wallet, stores) before any module's actors start: the cluster's store shards keep their
        // keys in the node's stores. A host that opened it already gets the first opening's task back.
        akka.WithActors(new ActorStarterWithResolver(async (_, _, _) => await core.OpenAsync().ConfigureAwait(false)));
        foreach (var module in core.Modules) module.ConfigureAkka(akka, core.Options, core.Wallet);
        // Registered after the modules' setup, so their actors (shard regions) exist when the devices are made.
        return akka.WithActors((system, registry, resolver) => core.StartActors(system, registry, new ResolverServices(resolver)));
    }

    /// <summary>The host's services as the actor system's dependency resolver sees them.</summary>
    private sealed class ResolverServices(IDependencyResolver resolver) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolver.GetService(serviceType);
    }
}
