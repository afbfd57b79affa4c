using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

public class SigningTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Fact]
    public void In_each_mode_every_assignment_is_signed_by_the_node_and_carries_HyperBEAMs_keys()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings(AssignmentSigning.Each));
        for (var i = 0; i < 5; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(5, Patience);

        var stored = ReadAll(entity, pid);
        Assert.Equal(6, stored.Count);
        Assert.All(stored, a =>
        {
            Assert.True(HttpSigCommitments.Verify(a));
            Assert.Equal([Signer.Address], HttpSigCommitments.Committers(a));
            Assert.Equal(pid, a.GetText("process"));
            Assert.Equal("Assignment", a.GetText("type"));
            Assert.Equal("ao.N.1", a.GetText("variant"));
            Assert.Equal("0", a.GetText("epoch"));
            Assert.IsType<AoInteger>(a.Get("block-height"));
            Assert.NotNull(a.GetText("block-hash"));
            Assert.IsType<AoInteger>(a.Get("timestamp"));
        });
        Assert.Equal(process, stored[0].Get("body"));
        Assert.True(ScheduleVerifier.ChainMatches(stored));
    }

    [Fact]
    public void The_first_link_of_the_chain_is_the_hash_of_the_process_ID_and_each_next_one_chains_the_message_ID()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint));
        var note = Note(7);
        entity.Tell(new Schedule(pid, note), TestActor);
        ExpectMsg<Scheduled>(Patience);

        var stored = ReadAll(entity, pid);
        var first = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(pid));
        Assert.Equal(HashChain.Encode(first), stored[0].GetText("hash-chain"));
        Assert.Equal(HashChain.Encode(HashChain.Next(first, IdOf(note))), stored[1].GetText("hash-chain"));
        var forged = stored[1].Set("body", Note(8));
        Assert.False(ScheduleVerifier.ChainMatches([stored[0], forged]));
    }

    [Fact]
    public void In_checkpoint_mode_each_read_assignment_names_a_signed_checkpoint_that_its_chain_walks_to()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint) with { CheckpointEvery = 5, CheckpointInterval = TimeSpan.FromMilliseconds(50) });
        for (var i = 0; i < 12; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(12, Patience);

        List<Message> stored = [];
        AwaitAssert(() =>
        {
            stored = ReadAll(entity, pid);
            Assert.All(stored, a => Assert.NotNull(a.GetText("checkpoint")));
        }, Patience, TimeSpan.FromMilliseconds(50));
        Assert.All(stored, a => Assert.Empty(HttpSigCommitments.Committers(a)));

        foreach (var slot in new[] { 0, 3, 7, 12 })
        {
            entity.Tell(new GetCheckpoint(pid, stored[slot].GetText("checkpoint")!), TestActor);
            var checkpoint = ExpectMsg<CheckpointFound>(Patience).Checkpoint;
            var end = (int)((AoInteger)checkpoint.Get("slot")!).Value;
            var previous = slot == 0 ? "" : stored[slot - 1].GetText("hash-chain")!;
            var run = stored.Skip(slot).Take(end - slot + 1).ToList();
            Assert.True(ScheduleVerifier.CoveredByCheckpoint(run, previous, checkpoint, Signer.Address));
            Assert.False(ScheduleVerifier.CoveredByCheckpoint(run, previous, checkpoint, "someone-else"));
        }
    }
}
