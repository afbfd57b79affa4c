using System.Diagnostics;
using System.Net;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace HyperBeam.Hosting.Tests.Observability;

public sealed class TracingTests
{
    [Fact]
    public async Task A_request_is_one_trace_from_http_through_the_protocol_router()
    {
        var spans = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource(HyperBeamTracing.SourceName).AddInMemoryExporter(spans).Build())
        {
            await using var node = await HyperBeamTestNode.StartAsync();
            using var reply = await node.Http.GetAsync("/~meta@1.0/build");
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        lock (spans)
        {
            var http = Assert.Single(spans, s => s.DisplayName == "http.request" && (string?)s.GetTagItem(HyperBeamTracing.DeviceTag) == "meta@1.0");
            var router = Assert.Single(spans, s => s.DisplayName == "router.resolve" && s.TraceId == http.TraceId);
            Assert.Equal(http.SpanId, router.ParentSpanId);
            Assert.Equal(ActivityKind.Server, http.Kind);
        }
    }
}
