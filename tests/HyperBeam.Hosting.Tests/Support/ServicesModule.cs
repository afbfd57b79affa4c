using HyperBeam.Hosting.Node;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Tests.Support;

/// <summary>A module that only registers services, as the process and cluster layers register their directories.</summary>
public sealed class ServicesModule(Action<IServiceCollection> register) : INodeModule
{
    public void ConfigureServices(IServiceCollection services, NodeOptions options) => register(services);
}
