using HyperBeam.Actors.Protocol;
using HyperBeam.Http.Pipeline;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Hosting.Node;

/// <summary>Maps a node's HTTP face into a host's routing.</summary>
public static class NodeEndpoints
{
    /// <summary>
    /// Maps each module's endpoints, then the node's request pipeline as the fallback: every path no other endpoint
    /// claims is an AO path. A method the node does not serve gets 405; until the node has started, the rest get 503.
    /// </summary>
    public static IEndpointRouteBuilder MapHyperBeamNode(this IEndpointRouteBuilder endpoints)
    {
        var core = endpoints.ServiceProvider.GetRequiredService<NodeCore>();
        var loggers = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>();
        foreach (var module in core.Modules) module.MapEndpoints(endpoints);
        // Made on the first request after start: the queue behind the resolve entry needs the guardian in the registry.
        var pipeline = new Lazy<RequestPipeline>(() => core.CreatePipeline(endpoints.ServiceProvider.GetRequiredService<NodeResolution>(), loggers));
        return endpoints.MapRequestPipeline(() => core.IsStarted ? pipeline.Value : null);
    }
}
