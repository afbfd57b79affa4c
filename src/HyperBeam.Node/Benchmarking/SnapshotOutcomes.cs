using System.Diagnostics.Metrics;
using HyperBeam.Core.Observability;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// Counts the compute snapshots written and dropped (<c>compute.snapshots</c>) while it is alive: with one write out,
/// newest wins, so how many were dropped says how many captures were never packed.
/// </summary>
internal sealed class SnapshotOutcomes : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _written;
    private long _dropped;

    public SnapshotOutcomes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HyperBeamMetrics.MeterName && instrument.Name == "compute.snapshots") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "outcome") Interlocked.Add(ref tag.Value as string == "written" ? ref _written : ref _dropped, value);
        });
        _listener.Start();
    }

    public string Describe() => $"{Volatile.Read(ref _written)} snapshots written, {Volatile.Read(ref _dropped)} dropped unwritten";

    public void Dispose() => _listener.Dispose();
}
