using Akka.TestKit;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

public class RecoveryTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Theory]
    [InlineData(AssignmentSigning.Each)]
    [InlineData(AssignmentSigning.Checkpoint)]
    public void Killing_the_entity_mid_stream_loses_no_confirmed_slot_and_scheduling_continues_gapless(AssignmentSigning signing)
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var settings = Settings(signing);
        var entity = CreateProcess(process, settings);
        var sender = CreateTestProbe();
        for (var i = 0; i < 30; i++) entity.Tell(new Schedule(pid, Note(i)), sender);
        var confirmed = new List<Scheduled> { sender.ExpectMsg<Scheduled>(Patience) };
        Kill(entity);
        // Whatever was answered before the kill was written first (local confirmation); the rest may be lost.
        confirmed.AddRange(sender.ReceiveWhile<Scheduled>(TimeSpan.FromMilliseconds(50), o => o as Scheduled ?? throw new InvalidOperationException($"unexpected {o}")));

        var revived = StartEntity(pid, settings);
        var stored = ReadAll(revived, pid);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => (long)i), stored.Select(Slot));
        foreach (var scheduled in confirmed)
            Assert.Equal(scheduled.Assignment.Get("hash-chain"), stored[(int)scheduled.Slot].Get("hash-chain"));
        Assert.True(ScheduleVerifier.ChainMatches(stored));

        revived.Tell(new Schedule(pid, Note(1000)), sender);
        Assert.Equal(stored.Count, sender.ExpectMsg<Scheduled>(Patience).Slot);
        var after = ReadAll(revived, pid);
        Assert.True(ScheduleVerifier.ChainMatches(after));
        Assert.Equal(stored.Count + 1, after.Count);
    }

    [Fact]
    public void An_entity_recovers_from_its_snapshot_and_the_journal_tail()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var settings = Settings(AssignmentSigning.Checkpoint) with { SnapshotEvery = 10, RecentAssignments = 5 };
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 24; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(24, Patience);
        var before = ReadAll(entity, pid);
        Sys.Stop(entity);
        ExpectTerminated(entity, Patience);

        var revived = StartEntity(pid, settings);
        Assert.Equal(24, CurrentSlot(revived, pid));
        var after = ReadAll(revived, pid);
        Assert.Equal(before.Select(a => a.Get("hash-chain")), after.Select(a => a.Get("hash-chain")));
        Assert.True(ScheduleVerifier.ChainMatches(after));
        revived.Tell(new Schedule(pid, Note(99)), TestActor);
        Assert.Equal(25, ExpectMsg<Scheduled>(Patience).Slot);
    }

    [Fact]
    public void A_crash_between_assigning_and_signing_leaves_no_gap_and_no_unsigned_slot_in_each_mode()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var settings = Settings(AssignmentSigning.Each);
        var entity = CreateProcess(process, settings);
        var sender = CreateTestProbe();
        // Killed at once: the signatures of these slots are still being computed on the thread pool.
        for (var i = 0; i < 20; i++) entity.Tell(new Schedule(pid, Note(i)), sender);
        Kill(entity);

        var revived = StartEntity(pid, settings);
        var stored = ReadAll(revived, pid);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => (long)i), stored.Select(Slot));
        Assert.All(stored, a => Assert.True(Codecs.HttpSig.HttpSigCommitments.Verify(a) && Codecs.HttpSig.HttpSigCommitments.Committers(a).Contains(Signer.Address)));
        revived.Tell(new Schedule(pid, Note(500)), sender);
        Assert.Equal(stored.Count, sender.FishForMessage<Scheduled>(s => s.Slot == stored.Count, Patience).Slot);
    }

    [Fact]
    public void A_crash_before_the_checkpoint_is_signed_is_covered_by_a_checkpoint_on_recovery()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var settings = Settings(AssignmentSigning.Checkpoint) with { CheckpointEvery = 1_000_000, CheckpointInterval = TimeSpan.FromHours(1) };
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 10; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(10, Patience);
        Kill(entity);

        var revived = StartEntity(pid, settings);
        var probe = CreateTestProbe();
        AwaitAssert(() =>
        {
            revived.Tell(new GetProcessStatus(pid), probe);
            Assert.Equal(10, probe.ExpectMsg<ProcessStatus>(Patience).CheckpointedSlot);
        }, Patience, TimeSpan.FromMilliseconds(50));
    }
}
