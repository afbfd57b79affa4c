using System.Net;
using HyperBeam.Core.Observability;
using HyperBeam.Hosting.Testing;

namespace HyperBeam.Hosting.Tests.Observability;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_are_prometheus_text_at_metrics_and_at_hyperbuddy()
    {
        await using var node = await HyperBeamTestNode.StartAsync();
        using (var info = await node.Http.GetAsync("/~meta@1.0/info")) Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        HyperBeamMetrics.SlotScheduled();
        HyperBeamMetrics.SlotComputed(TimeSpan.FromMilliseconds(3));
        HyperBeamMetrics.StoreHit();
        HyperBeamMetrics.StoreMiss();

        using var metrics = await node.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType!.ToString());
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Matches("(?m)^hyperbeam_http_requests\\{(?=[^}]*device=\"meta@1.0\")(?=[^}]*status=\"200\")[^}]*\\} [1-9]", text);
        Assert.Matches("(?m)^hyperbeam_resolve_duration_bucket\\{le=", text);
        Assert.Matches("(?m)^hyperbeam_slots_scheduled [1-9]", text);
        Assert.Matches("(?m)^hyperbeam_slots_computed [1-9]", text);
        Assert.Matches("(?m)^hyperbeam_compute_duration_count [1-9]", text);
        Assert.Matches("(?m)^hyperbeam_store_reads\\{result=\"hit\"\\} [1-9]", text);
        Assert.Matches("(?m)^hyperbeam_cluster_members 1", text);

        using var hyperbuddy = await node.Http.GetAsync("/~hyperbuddy@1.0/metrics");
        Assert.Equal(HttpStatusCode.OK, hyperbuddy.StatusCode);
        Assert.StartsWith("text/plain", hyperbuddy.Content.Headers.ContentType!.ToString());
        Assert.Matches("(?m)^hyperbeam_slots_scheduled [1-9]", await hyperbuddy.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// ASP.NET Core's own meters (hosting, Kestrel's memory pool, routing) record several measurements per request;
    /// relayed into prometheus-net they cost about 6 % of the node's CPU under load (a profile under wrk). The node
    /// publishes its own meter and the runtime's, not those.
    /// </summary>
    [Fact]
    public async Task Metrics_carry_the_nodes_meter_and_not_aspnet_cores_per_request_meters()
    {
        await using var node = await HyperBeamTestNode.StartAsync();
        using (var info = await node.Http.GetAsync("/~meta@1.0/info")) Assert.Equal(HttpStatusCode.OK, info.StatusCode);

        var text = await node.Http.GetStringAsync("/metrics");

        Assert.Matches("(?m)^hyperbeam_http_requests\\{", text);
        // The meters' series (hosting's request duration, Kestrel's connection duration, routing's match attempts);
        // ASP.NET Core's event counters (polled totals, no per-request cost here) may stay.
        Assert.DoesNotMatch("(?m)^microsoft_aspnetcore_(hosting_http_server_|server_kestrel_kestrel_|routing_aspnetcore_)", text);
    }

    [Fact]
    public async Task Metrics_switched_off_are_not_served()
    {
        await using var node = await HyperBeamTestNode.StartAsync(o => o.Set("hyperbeam.features.metrics", "off"));

        using var metrics = await node.Http.GetAsync("/~hyperbuddy@1.0/metrics");

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }
}
