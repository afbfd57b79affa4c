using System.Diagnostics;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Observability;
using HyperBeam.Hosting.Testing;
using HyperBeam.Processes.Protocol;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace HyperBeam.Hosting.Tests.Observability;

/// <summary>A test node running a real process: its events on the event stream and its spans in the trace.</summary>
public sealed class ProcessObservabilityTests : TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly ActivitySource TestSource = new("HyperBeam.Tests.Processes");

    /// <summary>dedup@1.0 computes without a VM, so any node can run the process.</summary>
    private static Message NewProcess() => Message.Of(
        ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"),
        ("execution-device", "dedup@1.0"), ("nonce", Guid.NewGuid().ToString("N")));

    private static async Task<string> CreateWithOneMessageAsync(HyperBeamTestNode node)
    {
        var process = NewProcess();
        var pid = MessageIds.All(process);
        Assert.True((await node.Client.ScheduleAsync(pid, process)).IsOk);
        Assert.True((await node.Client.ScheduleAsync(pid, Message.Of(("type", "Message"), ("n", 1)))).IsOk);
        return pid;
    }

    private static async Task<Computed> ComputeAsync(HyperBeamTestNode node, string pid, long slot)
    {
        var gateway = node.Node.Services.GetRequiredService<IProcessGateway>();
        var reply = await gateway.AskAsync(new Compute(pid, slot));
        return Assert.IsType<Computed>(reply);
    }

    [Fact]
    public async Task The_process_event_probe_sees_a_real_process_scheduled_and_computed()
    {
        await using var node = await HyperBeamTestNode.StartAsync();
        var events = node.CreateProcessEventProbe(this);

        var pid = await CreateWithOneMessageAsync(node);
        await ComputeAsync(node, pid, 1);

        var scheduled = new[] { events.ExpectMsg<Scheduled>(Patience), events.ExpectMsg<Scheduled>(Patience) };
        Assert.Equal([0L, 1L], scheduled.Select(s => s.Slot));
        Assert.All(scheduled, s => Assert.Equal(pid, s.ProcessId));
        var computed = new[] { events.ExpectMsg<Computed>(Patience), events.ExpectMsg<Computed>(Patience) };
        Assert.Equal([0L, 1L], computed.Select(c => c.Slot));
    }

    [Fact]
    public async Task Scheduling_and_computing_are_spans_in_the_callers_trace_with_process_and_slot()
    {
        var spans = new List<Activity>();
        string pid;
        ActivityTraceId traceId;
        using (Sdk.CreateTracerProviderBuilder().AddSource(HyperBeamTracing.SourceName, TestSource.Name).AddInMemoryExporter(spans).Build())
        {
            await using var node = await HyperBeamTestNode.StartAsync();
            using (var root = TestSource.StartActivity("test.root"))
            {
                Assert.NotNull(root);
                traceId = root.TraceId;
                pid = await CreateWithOneMessageAsync(node);
                await ComputeAsync(node, pid, 1);
            }
        }

        lock (spans)
        {
            var schedules = spans.Where(s => s.DisplayName == "process.schedule" && (string?)s.GetTagItem(HyperBeamTracing.ProcessIdTag) == pid).ToList();
            Assert.Equal([0L, 1L], schedules.Select(s => (long)s.GetTagItem(HyperBeamTracing.SlotTag)!).Order());
            Assert.All(schedules, s => Assert.Equal(traceId, s.TraceId));
            var computes = spans.Where(s => s.DisplayName == "process.compute" && (string?)s.GetTagItem(HyperBeamTracing.ProcessIdTag) == pid).ToList();
            Assert.Contains(computes, s => (long)s.GetTagItem(HyperBeamTracing.SlotTag)! == 1);
            Assert.All(computes, s => Assert.Equal(traceId, s.TraceId));
        }
    }
}
