using HyperBeam.Core.Devices;
using HyperBeam.Core.Observability;
using HyperBeam.Devices;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace HyperBeam.Hosting.Modules.Observability;

/// <summary>
/// The node's observability, as a built-in module: <c>hyperbuddy@1.0</c> (metrics, dashboard), the introspection keys
/// of <c>meta@1.0</c> (actors, processes, cluster) and <c>/metrics</c> (prometheus-net), each behind its feature flag.
/// </summary>
public sealed class ObservabilityModule : INodeModule
{
    public void ConfigureServices(IServiceCollection services, NodeOptions options)
    {
        if (options.Features.Metrics) services.AddHostedService<MetricsStartup>();
    }

    public DeviceRegistry ConfigureDevices(DeviceRegistry devices, NodeContext node)
    {
        var features = node.Options.Features;
        var hyperbuddy = new HyperbuddyDevice(features.Metrics ? PrometheusText.RenderAsync : null, features.Dashboard);
        if (node.Services.GetService(typeof(IClusterDirectory)) is null) HyperBeamMetrics.ClusterMembers(1);
        return devices.TryGet(DeviceNames.Meta, out var meta)
            ? devices.With(hyperbuddy, new NodeMetaDevice(meta, node))
            : devices.With(hyperbuddy);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<NodeOptions>().Features.Metrics) endpoints.MapMetrics("/metrics");
    }

    /// <summary>
    /// prometheus-net starts its .NET Meters adapter on the registry's first collection; collecting once at start-up
    /// means no measurement made before the first scrape is lost.
    /// </summary>
    private sealed class MetricsStartup : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
