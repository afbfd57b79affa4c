using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Actors.Supervision;
using HyperBeam.Core.Codecs.Binary;
using HyperBeam.Core.Observability;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Supervision;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>What the compute side reports: events, restarts, metrics and its status for introspection.</summary>
public sealed class ComputeObservabilityTests() : TestKit(ComputeTestConfig.InMemory)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void Each_computed_slot_is_published_on_the_event_stream()
    {
        var fixture = new ComputeFixture(slots: 4);
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(Computed));
        var computer = fixture.Start(Sys);

        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        ExpectMsg<Computed>(Wait);

        Assert.Equal([0L, 1L, 2L], Enumerable.Range(0, 3).Select(_ => events.ExpectMsg<Computed>(Wait)).Select(c => c.Slot));
    }

    [Fact]
    public void A_crashing_worker_is_logged_counted_and_in_the_restart_ledger()
    {
        var restarts = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HyperBeamMetrics.MeterName && instrument.Name == "actor.restarts") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "parent", Value: WorkerRestarts.SupervisorLabel }) Interlocked.Add(ref restarts, value);
        });
        listener.Start();
        var fixture = new ComputeFixture(slots: 4);
        fixture.Probe.BeforeCompute = (slot, attempt) => slot == 2 && attempt == 1 ? throw new InvalidOperationException("boom at 2") : Task.CompletedTask;
        var name = "observed-" + Guid.NewGuid().ToString("N");

        var computer = EventFilter.Warning(contains: "restarting its compute worker").ExpectOne(Wait, () =>
        {
            var started = fixture.Start(Sys, name);
            started.Tell(new ComputeRequest(fixture.ProcessId, 3));
            ExpectMsg<Computed>(Wait);
            return started;
        });

        var worker = (computer.Path / "worker-supervisor" / "worker").ToStringWithoutAddress();
        var record = ActorRestartLedger.For(Sys).Of(worker);
        Assert.NotNull(record);
        Assert.True(record.Count >= 1);
        Assert.Contains("boom at 2", record.LastCause);
        Assert.True(Interlocked.Read(ref restarts) >= 1);
    }

    [Fact]
    public void Compute_status_reports_the_computed_slot_and_the_encoded_size_of_its_state()
    {
        var fixture = new ComputeFixture(slots: 3);
        var computer = fixture.Start(Sys);

        computer.Tell(new GetComputeStatus(fixture.ProcessId));
        var before = ExpectMsg<ComputeStatus>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 2));
        var computed = ExpectMsg<Computed>(Wait);
        computer.Tell(new GetComputeStatus(fixture.ProcessId));
        var after = ExpectMsg<ComputeStatus>(Wait);

        Assert.Null(before.ComputedSlot);
        Assert.Equal(0, before.StateBytes);
        Assert.Equal(2, after.ComputedSlot);
        Assert.Equal(MessageBinary.Encode(computed.State).Length, after.StateBytes);
    }
}
