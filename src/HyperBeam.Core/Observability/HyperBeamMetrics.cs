using System.Diagnostics.Metrics;

namespace HyperBeam.Core.Observability;

/// <summary>
/// The node's metrics, as <see cref="System.Diagnostics.Metrics"/> instruments on the <c>HyperBeam</c> meter, so any
/// exporter can read them: the node publishes them in Prometheus text format at <c>/metrics</c> and
/// <c>/~hyperbuddy@1.0/metrics</c> (prometheus-net's meter adapter), and OpenTelemetry can add the meter by name.
/// Static because every layer reports into it (HTTP, processes, cluster, supervision) and no layer should need a
/// reference to the others to do so. Names follow OpenTelemetry's dotted style; Prometheus sees them prefixed with
/// the meter's name and with underscores (<c>slots.scheduled</c> → <c>hyperbeam_slots_scheduled</c>; prometheus-net's
/// meter adapter publishes counters as gauges of their running total, histograms with power-of-two buckets).
/// </summary>
public static class HyperBeamMetrics
{
    public const string MeterName = "HyperBeam";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "http.requests", description: "HTTP requests answered, by status and by the device of their first step");

    private static readonly Histogram<double> ResolveDuration = Meter.CreateHistogram<double>(
        "resolve.duration", unit: "s", description: "Time from queueing a resolution to its result");

    private static readonly Counter<long> SlotsScheduled = Meter.CreateCounter<long>(
        "slots.scheduled", description: "Slots assigned to process messages");

    private static readonly Counter<long> SlotsComputed = Meter.CreateCounter<long>(
        "slots.computed", description: "Slots whose process state was computed");

    private static readonly Histogram<double> ComputeDuration = Meter.CreateHistogram<double>(
        "compute.duration", unit: "s", description: "Time to compute one slot");

    private static readonly Counter<long> StoreReads = Meter.CreateCounter<long>(
        "store.reads", description: "Store lookups, by result (hit or miss)");

    private static readonly Counter<long> ActorRestarts = Meter.CreateCounter<long>(
        "actor.restarts", description: "Supervision restarts, by the parent that restarted the actor");

    private static readonly Counter<long> AbandonedWork = Meter.CreateCounter<long>(
        "work.abandoned", description: "Request work stopped because every client waiting for it left, by stage (decode or resolve)");

    private static readonly Counter<long> ComputeSnapshots = Meter.CreateCounter<long>(
        "compute.snapshots", description: "Compute snapshots due, by outcome: written (handed to the store) or dropped (a newer one replaced it before a write was free; a captured one is then never packed)");

    private static long _clusterMembers;

    static HyperBeamMetrics()
    {
        Meter.CreateObservableGauge("cluster.members", () => Volatile.Read(ref _clusterMembers),
            description: "Cluster members that are up (1 for a node outside a cluster)");
    }

    /// <summary>One answered HTTP request; <paramref name="device"/> is the device of its first step (or <c>none</c>).</summary>
    public static void Request(int status, string device) =>
        Requests.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("device", device));

    /// <summary>One finished resolution, from queueing to result.</summary>
    public static void Resolved(TimeSpan duration) => ResolveDuration.Record(duration.TotalSeconds);

    /// <summary>Work for a request stopped part-way because nobody waits for it any more; <paramref name="stage"/> is decode or resolve.</summary>
    public static void Abandoned(string stage) => AbandonedWork.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public static void SlotScheduled() => SlotsScheduled.Add(1);

    public static void SlotComputed(TimeSpan duration)
    {
        SlotsComputed.Add(1);
        ComputeDuration.Record(duration.TotalSeconds);
    }

    public static void StoreHit() => StoreReads.Add(1, new KeyValuePair<string, object?>("result", "hit"));

    public static void StoreMiss() => StoreReads.Add(1, new KeyValuePair<string, object?>("result", "miss"));

    /// <summary>A compute snapshot was handed to the store (<paramref name="written"/>) or dropped unwritten.</summary>
    public static void ComputeSnapshot(bool written) =>
        ComputeSnapshots.Add(1, new KeyValuePair<string, object?>("outcome", written ? "written" : "dropped"));

    /// <summary>A supervisor restarted a child; <paramref name="parent"/> is the supervisor's path (bounded label set).</summary>
    public static void ActorRestart(string parent) => ActorRestarts.Add(1, new KeyValuePair<string, object?>("parent", parent));

    /// <summary>The number of cluster members that are up, as the cluster last reported it.</summary>
    public static void ClusterMembers(int count) => Volatile.Write(ref _clusterMembers, count);
}
