using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Processes.Tracing;
using static HyperBeam.Cluster.Tests.Nodes.ProcessHttp;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>A request is one trace even when the process it schedules on lives on another node.</summary>
public sealed class ClusterTracingTests(ClientWallet client) : IClassFixture<ClientWallet>
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
        var nodes = await ClusterHttpNode.StartClusterAsync(2);
        try
        {
            await ClusteredNodeTests.AllUpAsync(nodes);
            var http = new ProcessHttp(client.Wallet);
            var process = http.NewProcess();
            var pid = IdOf(process);
            Assert.Equal(HttpStatusCode.OK, (await CreateAsync(nodes[0].Client, process)).Status);
            var host = await ProcessNodeFailoverTests.HostOfAsync(nodes, pid);
            var entry = nodes.Single(n => n != host);

            var (status, assignment) = await ScheduleAsync(entry.Client, http.NewMessage(pid, 1));
            Assert.True(status == HttpStatusCode.OK, assignment.GetText("body"));
            Assert.Equal(1, Integer(assignment, "slot"));

            // The entity's span (on the host) joins the trace of the request that entered at the other node.
            Activity? schedule = null;
            await Eventually.AssertAsync(() => schedule = Assert.Single(spans, s =>
                s.DisplayName == ProcessSpans.Schedule && (string?)s.GetTagItem(HyperBeamTracing.ProcessIdTag) == pid && Equals(s.GetTagItem(HyperBeamTracing.SlotTag), 1L)), Patience);
            var request = Assert.Single(spans, s => s.DisplayName == "http.request" && s.TraceId == schedule!.TraceId);
            Assert.Equal(ActivityKind.Server, request.Kind);
            Assert.Contains(spans, s => s.DisplayName == "router.resolve" && s.TraceId == schedule!.TraceId && s.SpanId == schedule.ParentSpanId);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
