using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HyperBeam.Core.Observability;
using HyperBeam.Processes.Tracing;
using HyperBeam.Tests.Shared;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>A request is one trace even when the process it schedules on lives on another node.</summary>
public sealed class ClusterTracingTests(StrangerWallet client) : IClassFixture<StrangerWallet>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_schedule_entering_one_node_and_assigned_on_another_is_one_trace()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HyperBeamTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await ClusterWithProcess.StartAsync(client.Wallet, 2);
        var entry = cluster.Others.Single();

        var (status, assignment) = await ScheduleAsync(entry.Client, cluster.Http.NewMessage(cluster.ProcessId, 1));
        Assert.True(status == HttpStatusCode.OK, assignment.GetText("body"));
        Assert.Equal(1, Integer(assignment, "slot"));

        // The entity's span (on the host) joins the trace of the request that entered at the other node.
        Activity? schedule = null;
        await Eventually.AssertAsync(() => schedule = Assert.Single(spans, s =>
            s.DisplayName == ProcessSpans.Schedule && (string?)s.GetTagItem(HyperBeamTracing.ProcessIdTag) == cluster.ProcessId && Equals(s.GetTagItem(HyperBeamTracing.SlotTag), 1L)), Patience);
        var request = Assert.Single(spans, s => s.DisplayName == "http.request" && s.TraceId == schedule!.TraceId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Contains(spans, s => s.DisplayName == "router.resolve" && s.TraceId == schedule!.TraceId && s.SpanId == schedule.ParentSpanId);
    }
}
