using System.Diagnostics;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tracing;

namespace HyperBeam.Cluster.Serialization;

/// <summary>
/// Carries the trace a process command was sent in across nodes, as a W3C <c>traceparent</c> key beside the record's
/// own fields, so the entity's span on the receiving node joins the sender's trace. Readers that do not know the key
/// ignore it; a command sent outside any trace is written exactly as before.
/// </summary>
internal static class WireTrace
{
    public const string Key = "traceparent";

    public static Message Write(IProcessCommand command, Message record)
    {
        var parent = ProcessTraceContext.ParentOf(command);
        return parent == default ? record : record.Set(Key, AoBinary.FromString(Traceparent(parent)));
    }

    public static void Read(Message record, IProcessCommand command)
    {
        if (record.GetText(Key) is { } traceparent && ActivityContext.TryParse(traceparent, null, out var parent))
            ProcessTraceContext.Attach(command, parent);
    }

    private static string Traceparent(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
}
