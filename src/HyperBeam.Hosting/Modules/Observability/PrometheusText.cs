using HyperBeam.Core.Observability;
using Prometheus;

namespace HyperBeam.Hosting.Modules.Observability;

/// <summary>
/// The node's metrics in Prometheus text format, rendered by prometheus-net from its default registry, which also
/// publishes every <see cref="System.Diagnostics.Metrics.Meter"/> (so <see cref="HyperBeamMetrics"/> appears there).
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
