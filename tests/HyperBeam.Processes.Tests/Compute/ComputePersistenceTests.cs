using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using HyperBeam.Processes.Compute;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>Snapshots in a real SQLite file (Akka.Persistence.Sql), read back by a second actor system.</summary>
public sealed class ComputePersistenceTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hb-compute-" + Guid.NewGuid().ToString("N"));

    public ComputePersistenceTests() => Directory.CreateDirectory(_directory);

    private string Database => Path.Combine(_directory, "akka.db");

    [Fact]
    public async Task A_restarted_computer_resumes_from_its_latest_snapshot_without_rerunning_earlier_slots()
    {
        var fixture = new ComputeFixture(slots: 8, keepResults: false, snapshotInterval: 2);

        await RunInNewSystemAsync(async kit =>
        {
            var computer = fixture.Start(kit.Sys, "computer");
            computer.Tell(new ComputeRequest(fixture.ProcessId, 5), kit.TestActor);
            Assert.Equal(5, (await kit.ExpectMsgAsync<Computed>(Wait)).Slot);
            // Snapshots are saved in the background: stop only once the one of slot 4 is in the store.
            await kit.AwaitAssertAsync(async () => Assert.Equal(4, (await LatestSnapshotAsync(kit, fixture.ProcessId))?.Slot), Wait);
        });
        Assert.Equal(1, fixture.Probe.Inits);

        await RunInNewSystemAsync(async kit =>
        {
            var computer = fixture.Start(kit.Sys, "computer");
            computer.Tell(new ComputeRequest(fixture.ProcessId, 7), kit.TestActor);
            var computed = await kit.ExpectMsgAsync<Computed>(Wait);

            Assert.Equal(new AoInteger(8), computed.State.Get("count"));
            Assert.Equal("slot 7: m7", computed.State.GetMessage("results")!.GetText("data"));
        });
        // Resumed from the snapshot of slot 4: no init, slots 0..4 not run again, 5..7 run.
        Assert.Equal(1, fixture.Probe.Inits);
        Assert.Equal(1, fixture.Probe.AttemptsOf(4));
        Assert.Equal(2, fixture.Probe.AttemptsOf(5));
        Assert.Equal(9, fixture.Probe.Computes);
    }

    [Fact]
    public async Task With_kept_results_a_restarted_computer_runs_no_slot_it_computed_before()
    {
        var fixture = new ComputeFixture(slots: 8, keepResults: true, snapshotInterval: 3);

        await RunInNewSystemAsync(async kit =>
        {
            fixture.Start(kit.Sys, "computer").Tell(new ComputeRequest(fixture.ProcessId, 5), kit.TestActor);
            await kit.ExpectMsgAsync<Computed>(Wait);
        });
        await RunInNewSystemAsync(async kit =>
        {
            var computer = fixture.Start(kit.Sys, "computer");
            computer.Tell(new ComputeRequest(fixture.ProcessId, 5), kit.TestActor);
            Assert.Equal(new AoInteger(6), (await kit.ExpectMsgAsync<Computed>(Wait)).State.Get("count"));
            computer.Tell(new ComputeRequest(fixture.ProcessId, 6), kit.TestActor);
            Assert.Equal(new AoInteger(7), (await kit.ExpectMsgAsync<Computed>(Wait)).State.Get("count"));
        });

        Assert.Equal(1, fixture.Probe.Inits);
        Assert.Equal(7, fixture.Probe.Computes);
        Assert.All(Enumerable.Range(0, 7), slot => Assert.Equal(1, fixture.Probe.AttemptsOf(slot)));
    }

    [Fact]
    public async Task State_kept_outside_the_message_survives_a_restart_that_resumes_over_kept_results()
    {
        var fixture = await OutsideCounterComputedTo5Async(keepResults: true);
        await RunInNewSystemAsync(async kit =>
        {
            var computer = fixture.Start(kit.Sys, "computer");
            computer.Tell(new ComputeRequest(fixture.ProcessId, 5), kit.TestActor);
            Assert.Equal("count 6", (await kit.ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data"));
            computer.Tell(new ComputeRequest(fixture.ProcessId, 8), kit.TestActor);

            // Slots 0..8 computed without a restart count to 9.
            Assert.Equal("count 9", (await kit.ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data"));
        });
    }

    [Fact]
    public async Task A_snapshot_the_devices_cannot_restore_is_given_up_and_the_process_computed_again_from_init_to_the_same_results()
    {
        var fixture = await OutsideCounterComputedTo5Async(keepResults: false);

        // The next life's devices refuse every snapshot (corrupt, or a delta against a base they do not have).
        fixture.Settings = fixture.Settings with { ExecutionDevices = [() => new OutsideCounterDevice(unrestorable: _ => true)] };
        await RunInNewSystemAsync(async kit =>
        {
            fixture.Start(kit.Sys, "computer").Tell(new ComputeRequest(fixture.ProcessId, 8), kit.TestActor);
            var computed = await kit.ExpectMsgAsync<Computed>(Wait);

            // Slots 0..8 computed without a restart count to 9: not an error, not a count that lost the slots before 4.
            Assert.Equal("count 9", computed.State.GetMessage("results")!.GetText("data"));
        });
    }

    [Fact]
    public async Task Snapshots_write_no_journal_markers_and_older_ones_are_pruned_but_never_the_latest()
    {
        var fixture = new ComputeFixture(slots: 41, keepResults: false, snapshotInterval: 2);
        fixture.Settings = fixture.Settings with { PruneSnapshotsAfter = 2 };

        await RunInNewSystemAsync(async kit =>
        {
            fixture.Start(kit.Sys, "computer").Tell(new ComputeRequest(fixture.ProcessId, 40), kit.TestActor);
            Assert.Equal(40, (await kit.ExpectMsgAsync<Computed>(Wait)).Slot);
            await kit.AwaitAssertAsync(async () => Assert.Equal(40, (await LatestSnapshotAsync(kit, fixture.ProcessId))?.Slot), Wait);
            // Pruning runs in the background, after every second snapshot stored: what stays is the latest few.
            await kit.AwaitAssertAsync(() => Assert.InRange(Rows("snapshot", fixture.ProcessId), 1, 3), Wait);
        });
        Assert.Equal(0, Rows("journal", fixture.ProcessId));

        await RunInNewSystemAsync(async kit =>
        {
            fixture.Start(kit.Sys, "computer").Tell(new ComputeRequest(fixture.ProcessId, 40), kit.TestActor);
            Assert.Equal(new AoInteger(41), (await kit.ExpectMsgAsync<Computed>(Wait)).State.Get("count"));
        });
        Assert.Equal(1, fixture.Probe.AttemptsOf(40));
    }

    /// <summary>Rows of the compute child of <paramref name="processId"/> in an Akka.Persistence.Sql table.</summary>
    private long Rows(string table, string processId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", ProcessComputer.PersistenceIdOf(processId));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A process on <see cref="OutsideCounterDevice"/> computed to slot 5 in a first life, its slot 3 snapshot stored.</summary>
    private async Task<ComputeFixture> OutsideCounterComputedTo5Async(bool keepResults)
    {
        var fixture = new ComputeFixture(slots: 9, keepResults: keepResults, snapshotInterval: 3,
            processKeys: Message.Of(("execution-device", OutsideCounterDevice.DeviceName)));
        fixture.Settings = fixture.Settings with { ExecutionDevices = [() => new OutsideCounterDevice()] };
        await RunInNewSystemAsync(async kit =>
        {
            fixture.Start(kit.Sys, "computer").Tell(new ComputeRequest(fixture.ProcessId, 5), kit.TestActor);
            Assert.Equal("count 6", (await kit.ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data"));
            await kit.AwaitAssertAsync(async () => Assert.Equal(3, (await LatestSnapshotAsync(kit, fixture.ProcessId))?.Slot), Wait);
        });
        return fixture;
    }

    private static async Task<ComputeSnapshot?> LatestSnapshotAsync(TestKit kit, string processId)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(kit.Sys).SnapshotStoreFor(null);
        var loaded = await store.Ask<LoadSnapshotResult>(
            new LoadSnapshot(ProcessComputer.PersistenceIdOf(processId), SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
        return loaded.Snapshot?.Snapshot as ComputeSnapshot;
    }

    private async Task RunInNewSystemAsync(Func<TestKit, Task> body)
    {
        var kit = new TestKit(ComputeTestConfig.Sqlite(Database), "compute-persistence");
        try
        {
            await body(kit);
        }
        finally
        {
            await kit.Sys.Terminate();
            kit.Dispose();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
