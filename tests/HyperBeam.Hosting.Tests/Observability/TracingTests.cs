using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HyperBeam.Core.Observability;
using HyperBeam.Hosting.Testing;
using HyperBeam.Hosting.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace HyperBeam.Hosting.Tests.Observability;

public sealed class TracingTests
{
    [Fact]
    public async Task A_request_is_one_trace_from_http_through_the_protocol_router()
    {
        var spans = new List<Activity>();
        // Other tests' nodes trace too: this request's path is its own.
        var path = $"/~message@1.0&probe={Guid.NewGuid():N}/probe";
        using (Sdk.CreateTracerProviderBuilder().AddSource(HyperBeamTracing.SourceName).AddInMemoryExporter(spans).Build())
        {
            await using var node = await HyperBeamTestNode.StartAsync();
            using var reply = await node.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        lock (spans)
        {
            var http = Assert.Single(spans, s => s.DisplayName == "http.request" && (string?)s.GetTagItem("url.path") == path);
            Assert.Equal("message@1.0", http.GetTagItem(HyperBeamTracing.DeviceTag));
            Assert.Equal(ActivityKind.Server, http.Kind);
            var router = Assert.Single(spans, s => s.DisplayName == "router.resolve" && s.TraceId == http.TraceId);
            Assert.Equal(http.SpanId, router.ParentSpanId);
        }
    }

    [Fact]
    public async Task Trace_1_on_a_request_returns_each_stage_with_its_timing()
    {
        await using var node = await HyperBeamTestNode.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/~meta@1.0/build?trace=1");
        request.Headers.Accept.ParseAdd("application/json");

        using var reply = await node.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var json = await reply.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("HyperBeam.Actors", json.GetProperty("node").GetString());
        var stages = AoJson.Items(json.GetProperty("trace"));
        Assert.Equal(["read", "decode", "parse", "resolve"], stages.Select(s => s.GetProperty("stage").GetString()));
        Assert.All(stages, s => Assert.True(AoJson.Double(s.GetProperty("duration-ms")) >= 0));
        var timing = string.Join(",", reply.Headers.GetValues("server-timing"));
        Assert.Contains("resolve;dur=", timing);
    }

    [Fact]
    public async Task Without_trace_1_the_reply_has_no_trace()
    {
        await using var node = await HyperBeamTestNode.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/~meta@1.0/build");
        request.Headers.Accept.ParseAdd("application/json");

        using var reply = await node.Http.SendAsync(request);

        var json = await reply.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(json.TryGetProperty("trace", out _));
        Assert.False(reply.Headers.Contains("server-timing"));
    }
}
