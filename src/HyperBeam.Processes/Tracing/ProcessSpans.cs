using System.Diagnostics;
using HyperBeam.Core.Observability;

namespace HyperBeam.Processes.Tracing;

/// <summary>The spans of the process layer, on the node's <see cref="HyperBeamTracing.Source"/>.</summary>
public static class ProcessSpans
{
    public const string Schedule = "process.schedule";
    public const string Compute = "process.compute";

    /// <summary>Starts a span for <paramref name="processId"/> at <paramref name="slot"/>; null when nobody listens.</summary>
    public static Activity? Start(string name, string processId, long slot, ActivityContext parent)
    {
        var activity = HyperBeamTracing.Source.StartActivity(name, ActivityKind.Internal, parent);
        activity?.SetTag(HyperBeamTracing.ProcessIdTag, processId).SetTag(HyperBeamTracing.SlotTag, slot);
        return activity;
    }
}
