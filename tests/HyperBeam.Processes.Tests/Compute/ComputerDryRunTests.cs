using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>
/// Dry runs on the process's compute worker: they see what the devices keep outside the message at the latest
/// computed slot, change nothing later slots see, and go between the steps of a backlog rather than after it.
/// </summary>
public sealed class ComputerDryRunTests() : TestKit(ComputeTestConfig.InMemory)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static ComputeFixture Fixture(int slots, Func<long, Task>? beforeCompute = null)
    {
        var fixture = new ComputeFixture(slots: slots, keepResults: true, snapshotInterval: 4,
            processKeys: Message.Of(("execution-device", OutsideCounterDevice.DeviceName)));
        fixture.Settings = fixture.Settings with
        {
            ExecutionDevices = [() => new OutsideCounterDevice(beforeCompute: beforeCompute)],
            SlotTimeout = TimeSpan.FromSeconds(20),
        };
        return fixture;
    }

    private static DryRun Count(ComputeFixture fixture) =>
        new(fixture.ProcessId, "compute", Message.Of(("action", "Count")), OutsideCounterDevice.DeviceName);

    private static string Data(AoValue state) => ((Message)state).GetMessage("results")!.GetText("data")!;

    [Fact]
    public async Task A_dry_run_sees_the_state_kept_outside_the_message_and_later_slots_do_not_see_it()
    {
        var fixture = Fixture(slots: 8);
        var computer = fixture.Start(Sys);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 5));
        Assert.Equal("count 6", Data((await ExpectMsgAsync<Computed>(Wait)).State));

        computer.Tell(Count(fixture));
        var first = await ExpectMsgAsync<DryRunEvaluated>(Wait);
        computer.Tell(Count(fixture));
        var second = await ExpectMsgAsync<DryRunEvaluated>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 7));
        var later = await ExpectMsgAsync<Computed>(Wait);

        Assert.Equal(("Ok", 5L, "count 7"), (first.Status, first.Slot, Data(first.Value)));
        Assert.Equal("count 7", Data(second.Value));
        Assert.Equal("count 8", Data(later.State));
    }

    [Fact]
    public async Task A_dry_run_after_the_worker_restarted_sees_the_state_it_had()
    {
        var fixture = Fixture(slots: 8);
        var computer = fixture.Start(Sys, "dry-run-after-restart");
        computer.Tell(new ComputeRequest(fixture.ProcessId, 6));
        await ExpectMsgAsync<Computed>(Wait);

        var worker = await Sys.ActorSelection(computer.Path / "worker-supervisor" / "worker").ResolveOne(Wait);
        worker.Tell(Kill.Instance);
        computer.Tell(Count(fixture));

        Assert.Equal("count 8", Data((await ExpectMsgAsync<DryRunEvaluated>(Wait)).Value));
    }

    [Fact]
    public async Task A_dry_run_during_a_backlog_answers_from_the_latest_computed_slot_without_waiting_for_the_rest()
    {
        var release = new TaskCompletionSource();
        var reached = new TaskCompletionSource();
        var fixture = Fixture(slots: 10, beforeCompute: slot =>
        {
            if (slot != 6) return Task.CompletedTask;
            reached.TrySetResult();
            return release.Task;
        });
        var computer = fixture.Start(Sys);
        var backlog = CreateTestProbe();
        computer.Tell(new ComputeRequest(fixture.ProcessId, 9), backlog);
        await reached.Task.WaitAsync(Wait);

        // Slot 6 is held: the dry run waits for it (one slot), not for slots 7 to 9. The status round trip makes sure
        // the computer has the dry run before slot 6 ends (the worker goes on to the slots after it unless told).
        computer.Tell(Count(fixture));
        await computer.Ask<ComputeStatus>(new GetComputeStatus(fixture.ProcessId), Wait);
        release.SetResult();
        var dry = await ExpectMsgAsync<DryRunEvaluated>(Wait);
        var computed = await backlog.ExpectMsgAsync<Computed>(Wait);

        Assert.Equal(6, dry.Slot);
        Assert.Equal("count 8", Data(dry.Value));
        Assert.Equal("count 10", Data(computed.State));
    }

    [Fact]
    public async Task A_dry_run_that_hangs_fails_at_the_slot_timeout_and_later_slots_count_on_from_the_live_state()
    {
        var never = new TaskCompletionSource();
        // A dry run's request names no slot: only it hangs.
        var fixture = Fixture(slots: 8, beforeCompute: slot => slot < 0 ? never.Task : Task.CompletedTask);
        fixture.Settings = fixture.Settings with { SlotTimeout = TimeSpan.FromSeconds(1) };
        var computer = fixture.Start(Sys);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 5));
        await ExpectMsgAsync<Computed>(Wait);

        computer.Tell(Count(fixture));
        var failed = await ExpectMsgAsync<ProcessCommandFailed>(Wait);
        computer.Tell(new ComputeRequest(fixture.ProcessId, 7));
        var later = await ExpectMsgAsync<Computed>(Wait);
        never.TrySetResult();

        Assert.Equal(503, failed.Status);
        Assert.Equal("count 8", Data(later.State));
    }

    [Fact]
    public async Task A_dry_run_of_another_process_is_refused()
    {
        var fixture = Fixture(slots: 2);
        var computer = fixture.Start(Sys);

        computer.Tell(new DryRun("another-process", "compute", Message.Empty, OutsideCounterDevice.DeviceName));

        Assert.Equal(400, (await ExpectMsgAsync<ProcessCommandFailed>(Wait)).Status);
    }
}
