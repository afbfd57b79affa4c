using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>
/// A snapshot the execution device captures at its slot and packs afterwards (<see cref="Core.Devices.ISnapshotCapture"/>):
/// compute goes on past snapshot slots whose packs have not ended, and each snapshot reaches the store once packed,
/// holding the state of its own slot; a restart resumes from it.
/// </summary>
public sealed class DeferredSnapshotPackingTests() : TestKit(ComputeTestConfig.InMemory, "deferred-packing-" + Guid.NewGuid().ToString("N"))
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Compute_goes_on_past_snapshots_still_being_packed_and_each_is_stored_with_its_own_slots_state_once_packed()
    {
        var packs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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

    private async Task StopAsync(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor, Wait);
    }

    private async Task<ComputeSnapshot?> LatestSnapshotAsync(string processId)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var loaded = await store.Ask<LoadSnapshotResult>(
            new LoadSnapshot(ProcessComputer.PersistenceIdOf(processId), SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
        return loaded.Snapshot?.Snapshot as ComputeSnapshot;
    }
}
