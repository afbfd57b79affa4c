using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using HyperBeam.Storage.Caching;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>
/// Snapshots and results are written while compute goes on: a store that does not answer stops no slot, holds a
/// bounded number of writes, and once it answers the newest snapshot is the one a restarted computer resumes from.
/// Nor does a snapshot the execution device captured at its slot and packs afterwards stop the slots after it.
/// </summary>
public sealed class BackgroundWritesTests() : TestKit(PersistenceGate.Config, "background-writes-" + Guid.NewGuid().ToString("N"))
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Compute_goes_on_past_snapshot_writes_that_do_not_end_with_one_write_out_and_the_newest_stored_after()
    {
        var gate = PersistenceGate.For(Sys);
        var fixture = new ComputeFixture(slots: 13, keepResults: false, snapshotInterval: 2);
        var computer = fixture.Start(Sys, "computer");

        computer.Tell(new ComputeRequest(fixture.ProcessId, 12));
        Assert.Equal(12, (await ExpectMsgAsync<Computed>(Wait)).Slot);

        // Seven snapshot slots went by while the store held the first write: no marker, one write out.
        Assert.Equal(0, gate.JournalWrites);
        Assert.Equal(1, gate.SnapshotSaves);

        gate.Open();
        await AwaitAssertAsync(async () => Assert.Equal(12, (await LatestSnapshotAsync(fixture.ProcessId))?.Slot), Wait);
        Assert.Equal(2, gate.SnapshotSaves);

        await RestartResumesFromSlot12Async(fixture, computer);
    }

    [Fact]
    public async Task Compute_goes_on_past_result_writes_that_do_not_end_serving_those_slots_from_memory_and_snapshots_wait_for_them()
    {
        var gate = PersistenceGate.For(Sys);
        gate.Open();
        var results = new GatedStore();
        var fixture = new ComputeFixture(slots: 7, keepResults: true, snapshotInterval: 4);
        fixture.Settings = fixture.Settings with { Results = new MessageCache(results) };
        var computer = fixture.Start(Sys, "computer");

        computer.Tell(new ComputeRequest(fixture.ProcessId, 6));
        Assert.Equal(6, (await ExpectMsgAsync<Computed>(Wait)).Slot);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 3));
        var earlier = await ExpectMsgAsync<Computed>(Wait);
        Assert.Equal(3, earlier.Slot);
        Assert.Equal(new AoInteger(4), earlier.State.Get("count"));

        // A restart resumes from a snapshot and reads the slots below it from the cache: none before they are there.
        Assert.Equal(0, gate.SnapshotSaves);
        results.Open();
        await AwaitAssertAsync(async () => Assert.Equal(4, (await LatestSnapshotAsync(fixture.ProcessId))?.Slot), Wait);
        var cache = new ComputedResults(new MessageCache(results));
        await AwaitAssertAsync(async () => Assert.NotNull(await cache.ReadAsync(fixture.ProcessId, 6)), Wait);
        Assert.Equal(7, fixture.Probe.Computes);
    }

    [Fact]
    public async Task Compute_goes_on_past_snapshots_still_being_packed_and_each_is_stored_with_its_own_slots_state_once_packed()
    {
        var packs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PersistenceGate.For(Sys).Open();
        var fixture = new ComputeFixture(slots: 9, keepResults: false, snapshotInterval: 3,
            processKeys: Message.Of(("execution-device", OutsideCounterDevice.DeviceName)));
        fixture.Settings = fixture.Settings with
        {
            ExecutionDevices = [() => new OutsideCounterDevice(packLater: async captured => { await packs.Task; return captured; })],
        };
        var computer = fixture.Start(Sys, "computer");

        // Slots 0, 3 and 6 are snapshot slots: none of their packs has ended, yet slot 8 is computed.
        computer.Tell(new ComputeRequest(fixture.ProcessId, 8));
        Assert.Equal("count 9", (await ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data"));
        Assert.Null(await LatestSnapshotAsync(fixture.ProcessId));

        packs.SetResult();
        await AwaitAssertAsync(async () => Assert.Equal(6, (await LatestSnapshotAsync(fixture.ProcessId))?.Slot), Wait);
        // Captured at slot 6 (seven slots counted), though the device had counted nine when it was packed.
        var stored = (await LatestSnapshotAsync(fixture.ProcessId))!;
        Assert.Equal(new AoInteger(7), stored.State.GetMessage("snapshot")!.Get("count"));

        await StopAsync(computer);
        var resumed = fixture.Start(Sys, "resumed");
        resumed.Tell(new ComputeRequest(fixture.ProcessId, 8));
        Assert.Equal("count 9", (await ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data"));
    }

    [Fact]
    public async Task Snapshots_captured_while_a_write_is_out_are_never_packed_except_the_newest_which_is_stored_after()
    {
        var gate = PersistenceGate.For(Sys);
        var counts = new CaptureCounts();
        var fixture = CapturingFixture(slots: 13, snapshotInterval: 2, counts);
        var computer = fixture.Start(Sys, "computer");

        // Slot 0's snapshot is packed and its write held by the store; slots 2 to 12 are captured meanwhile.
        computer.Tell(new ComputeRequest(fixture.ProcessId, 12));
        Assert.Equal("count 13", (await ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data"));
        await AwaitAssertAsync(() => Assert.Equal(5, counts.Dropped), Wait);
        Assert.Equal(7, counts.Captured);
        Assert.Equal(1, counts.Packed);

        // Newest wins: once the store answers, slot 12's capture is packed and stored, the ones before it never were.
        gate.Open();
        await AwaitAssertAsync(async () => Assert.Equal(12, (await LatestSnapshotAsync(fixture.ProcessId))?.Slot), Wait);
        Assert.Equal(new AoInteger(13), (await LatestSnapshotAsync(fixture.ProcessId))!.State.GetMessage("snapshot")!.Get("count"));
        Assert.Equal(2, counts.Packed);
        Assert.Equal(5, counts.Dropped);

        await StopAsync(computer);
        var resumed = fixture.Start(Sys, "resumed");
        resumed.Tell(new ComputeRequest(fixture.ProcessId, 12));
        Assert.Equal("count 13", (await ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data"));
    }

    [Fact]
    public async Task A_computer_stopped_with_a_capture_waiting_for_its_write_gives_it_back_unpacked()
    {
        var gate = PersistenceGate.For(Sys);
        var counts = new CaptureCounts();
        var fixture = CapturingFixture(slots: 5, snapshotInterval: 2, counts);
        var computer = fixture.Start(Sys, "computer");
        computer.Tell(new ComputeRequest(fixture.ProcessId, 4));
        await ExpectMsgAsync<Computed>(Wait);
        await AwaitAssertAsync(() => Assert.Equal(1, counts.Dropped), Wait);

        await StopAsync(computer);

        // Slot 0 was packed for the held write, slot 2 was replaced, slot 4 waited: every capture is settled.
        Assert.Equal(3, counts.Captured);
        Assert.Equal(1, counts.Packed);
        Assert.Equal(2, counts.Dropped);
        Assert.Equal(1, gate.SnapshotSaves);
    }

    [Fact]
    public async Task A_snapshot_due_before_the_spacing_since_the_last_write_has_passed_waits_for_it_though_the_store_is_free()
    {
        var (gate, fixture, _) = await ComputedTo12WithSnapshotsSpaced(TimeSpan.FromMinutes(10));
        await AwaitAssertAsync(async () => Assert.Equal(0, (await LatestSnapshotAsync(fixture.ProcessId))?.Slot), Wait);

        // Slot 0's write ended; slot 12's snapshot waits out the spacing instead of following it at once.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, gate.SnapshotSaves);
        Assert.Equal(0, (await LatestSnapshotAsync(fixture.ProcessId))?.Slot);
    }

    [Fact]
    public async Task The_newest_snapshot_that_waited_out_the_spacing_is_stored_once_it_has_passed_and_a_restart_resumes_from_it()
    {
        var (_, fixture, computer) = await ComputedTo12WithSnapshotsSpaced(TimeSpan.FromMilliseconds(300));
        await AwaitAssertAsync(async () => Assert.Equal(12, (await LatestSnapshotAsync(fixture.ProcessId))?.Slot), Wait);

        await RestartResumesFromSlot12Async(fixture, computer);
    }

    /// <summary>A computer with a snapshot every 2 slots, writes at least <paramref name="spacing"/> apart and an open store, computed to slot 12.</summary>
    private async Task<(PersistenceGate Gate, ComputeFixture Fixture, IActorRef Computer)> ComputedTo12WithSnapshotsSpaced(TimeSpan spacing)
    {
        var gate = PersistenceGate.For(Sys);
        gate.Open();
        var fixture = new ComputeFixture(slots: 13, keepResults: false, snapshotInterval: 2);
        fixture.Settings = fixture.Settings with { MinSnapshotSpacing = spacing };
        var computer = fixture.Start(Sys, "computer");
        computer.Tell(new ComputeRequest(fixture.ProcessId, 12));
        Assert.Equal(12, (await ExpectMsgAsync<Computed>(Wait)).Slot);
        return (gate, fixture, computer);
    }

    /// <summary>Stops the computer; a new one computes slot 12 from the stored snapshot, without init or running slot 12 again.</summary>
    private async Task RestartResumesFromSlot12Async(ComputeFixture fixture, IActorRef computer)
    {
        await StopAsync(computer);
        var resumed = fixture.Start(Sys, "resumed");
        resumed.Tell(new ComputeRequest(fixture.ProcessId, 12));
        Assert.Equal(new AoInteger(13), (await ExpectMsgAsync<Computed>(Wait)).State.Get("count"));
        Assert.Equal(1, fixture.Probe.Inits);
        Assert.Equal(1, fixture.Probe.AttemptsOf(12));
    }

    private static ComputeFixture CapturingFixture(int slots, int snapshotInterval, CaptureCounts counts)
    {
        var fixture = new ComputeFixture(slots: slots, keepResults: false, snapshotInterval: snapshotInterval,
            processKeys: Message.Of(("execution-device", OutsideCounterDevice.DeviceName)));
        fixture.Settings = fixture.Settings with
        {
            ExecutionDevices = [() => new OutsideCounterDevice(packLater: Task.FromResult, counts: counts)],
        };
        return fixture;
    }

    private async Task<ComputeSnapshot?> LatestSnapshotAsync(string processId)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var loaded = await store.Ask<LoadSnapshotResult>(
            new LoadSnapshot(ProcessComputer.PersistenceIdOf(processId), SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
        return loaded.Snapshot?.Snapshot as ComputeSnapshot;
    }

    private async Task StopAsync(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor, Wait);
    }
}
