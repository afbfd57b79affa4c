using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

public class NodeCheckpointTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    private const int Processes = 12;

    [Fact]
    public void One_node_signature_covers_the_chain_heads_of_every_process_that_handed_one_in()
    {
        // Heads wait up to an hour for company; the sixth uncovered slot of the first process signs all waiting at once.
        var settings = Settings(AssignmentSigning.Checkpoint) with { CheckpointEvery = 6, CheckpointInterval = TimeSpan.FromHours(1) };
        var processes = Enumerable.Range(0, Processes).Select(_ => NewProcess()).ToList();
        var entities = processes.Select(p => CreateProcess(p, settings)).ToList();
        for (var i = 0; i < 5; i++) entities[0].Tell(new Schedule(IdOf(processes[0]), Note(i)), TestActor);
        ReceiveN(5, Patience);

        var checkpoints = new List<Message>();
        for (var p = 0; p < Processes; p++)
        {
            var pid = IdOf(processes[p]);
            var first = AwaitCheckpointed(entities[p], pid);
            entities[p].Tell(new GetCheckpoint(pid, first.GetText("checkpoint")!), TestActor);
            var checkpoint = ExpectMsg<CheckpointFound>(Patience).Checkpoint;
            // The first process's head was hastened as the head written by then (slot 5); the others wait at slot 0.
            var covered = p == 0 ? 5 : 0;
            Assert.Equal(covered, Slot(checkpoint));
            Assert.True(ScheduleVerifier.CoveredByCheckpoint(ReadAll(entities[p], pid, 0, covered), "", checkpoint, Signer.Address));
            Assert.Empty(HttpSigCommitments.Committers(checkpoint));
            checkpoints.Add(checkpoint);
        }
        var node = checkpoints[0].GetMessage("node-checkpoint")!;
        Assert.Equal([Signer.Address], HttpSigCommitments.Committers(node));
        Assert.All(checkpoints, c => Assert.Equal(MessageIds.All(node), MessageIds.All(c.GetMessage("node-checkpoint")!)));
        Assert.Equal(Processes, ((AoInteger)node.Get("leaves")!).Value);
        Assert.Equal(Processes, checkpoints.Select(c => ((AoInteger)c.Get("leaf")!).Value).Distinct().Count());
    }

    [Fact]
    public void A_tampered_entry_or_another_processs_entry_fails_verification()
    {
        var settings = Settings(AssignmentSigning.Checkpoint) with { CheckpointEvery = 1000, CheckpointInterval = TimeSpan.FromMilliseconds(20) };
        var a = NewProcess();
        var b = NewProcess();
        var entityA = CreateProcess(a, settings);
        var entityB = CreateProcess(b, settings);
        var firstA = AwaitCheckpointed(entityA, IdOf(a));
        var firstB = AwaitCheckpointed(entityB, IdOf(b));
        entityA.Tell(new GetCheckpoint(IdOf(a), firstA.GetText("checkpoint")!), TestActor);
        var checkpoint = ExpectMsg<CheckpointFound>(Patience).Checkpoint;
        Assert.True(ScheduleVerifier.CoveredByCheckpoint([firstA], "", checkpoint, Signer.Address));

        Assert.False(ScheduleVerifier.CoveredByCheckpoint([firstB], "", checkpoint, Signer.Address));
        Assert.False(ScheduleVerifier.CoveredByCheckpoint([firstA], "", checkpoint, "someone-else"));
        var otherLeaf = ((AoInteger)checkpoint.Get("leaf")!).Value + 1;
        foreach (var tampered in new[]
                 {
                     checkpoint.Set("leaf", otherLeaf),
                     checkpoint.Set("proof", Base64Url.Encode(new byte[32])),
                     checkpoint.Set("node-checkpoint", checkpoint.GetMessage("node-checkpoint")!.Set("leaves", 99)),
                     checkpoint.Set("node-checkpoint", checkpoint.GetMessage("node-checkpoint")!.Set("merkle-root", Base64Url.Encode(new byte[32]))),
                 })
        {
            Assert.False(ScheduleVerifier.CoveredByCheckpoint([firstA], "", tampered, Signer.Address));
        }
        // The chain head itself tampered: the assignment no longer chains to it.
        var forged = firstA.Set("hash-chain", firstB.GetText("hash-chain")!);
        Assert.False(ScheduleVerifier.CoveredByCheckpoint([forged], "", checkpoint, Signer.Address));
    }

    [Fact]
    public void Checkpoints_signed_by_the_process_alone_as_first_written_still_verify()
    {
        var settings = Settings(AssignmentSigning.Checkpoint) with { CheckpointEvery = 1000, CheckpointInterval = TimeSpan.FromMilliseconds(20) };
        var process = NewProcess();
        var first = AwaitCheckpointed(CreateProcess(process, settings), IdOf(process));
        var legacy = HttpSigCommitments.Commit(Message.Of(
            ("type", "Checkpoint"), ("data-protocol", "ao"), ("variant", "ao.N.1"), ("process", IdOf(process)), ("slot", 0L),
            ("hash-chain", first.GetText("hash-chain")), ("timestamp", 1L)), NodeWallet);

        Assert.True(ScheduleVerifier.CoveredByCheckpoint([first], "", legacy, Signer.Address));
        Assert.False(ScheduleVerifier.CoveredByCheckpoint([first], "", legacy.Set("slot", 1L), Signer.Address));
    }

    [Fact]
    public void A_hastened_head_is_signed_as_the_newest_written_one_so_one_signature_covers_every_uncovered_slot()
    {
        // Slot 0's head waits up to an hour; the sixth uncovered slot hastens it. Signed as handed in (slot 0), it
        // would leave slots 1–5 uncovered and take a second signature at once; signed as the head now written, one.
        var settings = Settings(AssignmentSigning.Checkpoint) with { CheckpointEvery = 6, CheckpointInterval = TimeSpan.FromHours(1) };
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 6; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(6, Patience);

        long checkpointed = -1;
        AwaitAssert(() =>
        {
            entity.Tell(new GetProcessStatus(pid), TestActor);
            checkpointed = ExpectMsg<ProcessStatus>(Patience).CheckpointedSlot;
            Assert.True(checkpointed >= 5, $"checkpointed up to slot {checkpointed}");
        }, Patience, TimeSpan.FromMilliseconds(20));

        Assert.Equal(1, settings.Checkpointer.Signatures);
        var stored = ReadAll(entity, pid);
        var covering = stored[0].GetText("checkpoint")!;
        Assert.All(stored.Take((int)checkpointed + 1), a => Assert.Equal(covering, a.GetText("checkpoint")));
        entity.Tell(new GetCheckpoint(pid, covering), TestActor);
        var checkpoint = ExpectMsg<CheckpointFound>(Patience).Checkpoint;
        Assert.Equal(checkpointed, Slot(checkpoint));
        Assert.True(ScheduleVerifier.CoveredByCheckpoint(stored.Take((int)checkpointed + 1).ToList(), "", checkpoint, Signer.Address));
    }

    private Message AwaitCheckpointed(Akka.Actor.IActorRef entity, string pid)
    {
        Message first = Message.Empty;
        AwaitAssert(() =>
        {
            first = ReadAll(entity, pid, 0, 0).Single();
            Assert.NotNull(first.GetText("checkpoint"));
        }, Patience, TimeSpan.FromMilliseconds(20));
        return first;
    }
}
