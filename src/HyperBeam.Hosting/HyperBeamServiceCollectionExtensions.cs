using Akka.Hosting;
using HyperBeam.Hosting.Modules.Cluster;
using HyperBeam.Hosting.Node;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperBeam.Hosting;

/// <summary>Embeds a whole node (actor system, store, devices) in any Generic Host or ASP.NET app.</summary>
public static class HyperBeamServiceCollectionExtensions
{
    /// <summary>
    /// The actor system's name when <see cref="AddHyperBeam(IServiceCollection, Action{HyperBeamOptions}?)"/> creates it
    /// for a stand-alone node; a clustered node's system takes the cluster's <c>hyperbeam.cluster.system-name</c>.
    /// </summary>
    public const string ActorSystemName = "hyperbeam";

    /// <summary>
    /// Adds a node with its own actor system. Map its HTTP endpoints into the app's Kestrel with
    /// <c>app.MapHyperBeam()</c>, or use it from C# through <see cref="IHyperBeamClient"/>.
    /// </summary>
    public static IServiceCollection AddHyperBeam(this IServiceCollection services, Action<HyperBeamOptions>? configure = null)
    {
        var options = services.AddNode(configure);
        services.AddAkka(ClusterModule.SystemNameFor(options, ActorSystemName), (akka, provider) => akka.WithHyperBeam(provider, HoconAddMode.Prepend));
        return services;
    }

    /// <summary>As <see cref="AddHyperBeam(IServiceCollection, Action{HyperBeamOptions}?)"/>, with the host's configuration as a layer.</summary>
    public static IHostApplicationBuilder AddHyperBeam(this IHostApplicationBuilder builder, Action<HyperBeamOptions>? configure = null)
    {
        builder.Services.AddHyperBeam(options =>
        {
            options.Configuration = builder.Configuration;
            configure?.Invoke(options);
        });
        return builder;
    }

    /// <summary>
    /// Adds a node's services without an actor system, for apps that already call <c>AddAkka</c>: add the node to
    /// theirs with <c>akka.WithHyperBeam(provider)</c>. Options are built (and validated) here, so a bad setting
    /// fails at start-up with the key, the value and what is allowed.
    /// </summary>
    public static IServiceCollection AddHyperBeamServices(this IServiceCollection services, Action<HyperBeamOptions>? configure = null)
    {
        services.AddNode(configure);
        return services;
    }

    private static NodeOptions AddNode(this IServiceCollection services, Action<HyperBeamOptions>? configure)
    {
        var builder = new HyperBeamOptions();
        configure?.Invoke(builder);
        var options = builder.Build();
        services.AddHyperBeamNode(new NodeCore(options, HyperBeamNode.Modules(options)), ownedByContainer: true);
        services.AddSingleton<IHyperBeamClient, HyperBeamClient>();
        return options;
    }
}
