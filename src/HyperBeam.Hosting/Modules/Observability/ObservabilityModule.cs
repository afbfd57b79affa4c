using HyperBeam.Core.Devices;
using HyperBeam.Core.Observability;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Devices;
using HyperBeam.Hosting.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace HyperBeam.Hosting.Modules.Observability;

/// <summary>
/// The node's observability, as a built-in module: <c>/metrics</c> (prometheus-net) behind its feature flag. Its devices,
/// <c>hyperbuddy@1.0</c> (metrics, dashboard) and the introspection keys of <c>meta@1.0</c> (actors, processes, cluster),
/// are rows of <see cref="NodeDeviceTable"/>.
/// </summary>
public sealed class ObservabilityModule : INodeModule
{
    /// <summary>The meters /metrics relays: the node's own and the runtime's (GC, thread pool, working set).</summary>
    public static readonly IReadOnlySet<string> PublishedMeters = new HashSet<string>(StringComparer.Ordinal) { HyperBeamMetrics.MeterName, "System.Runtime" };

    public void ConfigureServices(IServiceCollection services, NodeOptions options)
    {
        // Read by prometheus-net at its registry's first collection. ASP.NET Core's meters (hosting, Kestrel's memory
        // pool, routing) record several measurements per request, and relaying them cost about 6 % of the node's CPU
        // under wrk; the node's own meter already counts requests by device and status.
        Metrics.ConfigureMeterAdapter(adapter => adapter.InstrumentFilterPredicate = instrument => PublishedMeters.Contains(instrument.Meter.Name));
        if (options.Features.Metrics) services.AddHostedService<MetricsStartup>();
    }

    public DeviceRegistry ConfigureDevices(DeviceRegistry devices, NodeContext node)
    {
        // A node alone is a cluster of one; the cluster module keeps the gauge up to date when there is a cluster.
        if (node.Services.GetService(typeof(IClusterDirectory)) is null) HyperBeamMetrics.ClusterMembers(1);
        return devices;
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
