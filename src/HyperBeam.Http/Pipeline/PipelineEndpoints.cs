using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HyperBeam.Http.Pipeline;

/// <summary>Puts a node's request pipeline behind a host's routing, as the catch-all for AO paths.</summary>
public static class PipelineEndpoints
{
    /// <summary>
    /// Maps every path no other endpoint claims (in a method the node serves; others get 405) to the pipeline <paramref name="pipeline"/> returns. The host that
    /// composes the node hands it over once the node has started; until then (null) those requests get 503.
    /// </summary>
    public static IEndpointRouteBuilder MapRequestPipeline(this IEndpointRouteBuilder endpoints, Func<RequestPipeline?> pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        endpoints.MapFallback("{**path}", context =>
        {
            if (!ServedMethods.IsServed(context.Request.Method)) return ServedMethods.RefuseAsync(context);
            return pipeline() is { } started
                ? started.HandleAsync(context)
                : ErrorReplies.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "the node is starting; try again shortly", retryAfterSeconds: 1);
        });
        return endpoints;
    }
}
