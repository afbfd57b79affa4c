using HyperBeam.Hosting.Node;
using Microsoft.AspNetCore.Routing;

namespace HyperBeam.Hosting;

/// <summary>Maps an embedded node's HTTP endpoints into the app's own Kestrel.</summary>
public static class HyperBeamEndpointExtensions
{
    /// <summary>
    /// Maps <c>/metrics</c>, the modules' endpoints and, as the fallback, every AO path (<c>/~meta@1.0/info</c>, …):
    /// the app's own endpoints win, everything else is the node's.
    /// </summary>
    public static IEndpointRouteBuilder MapHyperBeam(this IEndpointRouteBuilder endpoints) => endpoints.MapHyperBeamNode();
}
