using System.Diagnostics;

namespace HyperBeam.Core.Observability;

/// <summary>
/// The node's <see cref="ActivitySource"/>: one span per stage of a request, HTTP → protocol router → process entity
/// → compute worker. Spans cost nothing unless a listener (an OpenTelemetry exporter, or <c>?trace=1</c>) asks for
/// them. Actor messages do not carry <see cref="Activity.Current"/>, so a message that crosses to an actor carries
/// its <see cref="ActivityContext"/> and the actor starts its span with it as the parent.
/// </summary>
public static class HyperBeamTracing
{
    public const string SourceName = "HyperBeam";

    public static ActivitySource Source { get; } = new(SourceName, "1.0");

    /// <summary>Tag a caller sets on a root span to have the whole trace recorded for it (<c>?trace=1</c>).</summary>
    public const string RecordTag = "hb.record";

    /// <summary>Tag names shared by every layer.</summary>
    public const string ProcessIdTag = "hb.process";
    public const string SlotTag = "hb.slot";
    public const string DeviceTag = "hb.device";
}
