using Akka.Hosting;
using HyperBeam.Hosting.Node;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting;

/// <summary>Adds a node to an actor system the app configures itself with Akka.Hosting.</summary>
public static class AkkaConfigurationBuilderExtensions
{
    /// <summary>
    /// Adds the node registered by <see cref="HyperBeamServiceCollectionExtensions.AddHyperBeamServices"/> to this
    /// actor system: its modules' setup and its actors. Use inside <c>services.AddAkka(name, (akka, provider) => …)</c>.
    /// The app's own HOCON wins over the node's unless <paramref name="hocon"/> says otherwise.
    /// </summary>
    public static AkkaConfigurationBuilder WithHyperBeam(this AkkaConfigurationBuilder akka, IServiceProvider provider, HoconAddMode hocon = HoconAddMode.Append)
    {
        var core = provider.GetService<NodeCore>()
            ?? throw new InvalidOperationException("WithHyperBeam needs services.AddHyperBeamServices(...) first");
        return akka.WithHyperBeamNode(core, hocon);
    }
}
