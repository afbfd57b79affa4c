using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class NodeCheckpointerTests
{
    [Fact]
    public async Task The_heads_of_200_processes_waiting_together_cost_one_signature_and_each_proves_its_own_entry()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 1);
        var checkpointer = new NodeCheckpointer(signer);
        var heads = Enumerable.Range(0, 200)
            .Select(i => (Process: $"process-{i}", Slot: (long)i, Chain: HashChain.Encode(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))))
            .ToList();

        var waiting = heads.Take(199).Select(h => checkpointer.CoverAsync(h.Process, h.Slot, h.Chain, TimeSpan.FromHours(1))).ToList();
        var last = checkpointer.CoverAsync(heads[199].Process, heads[199].Slot, heads[199].Chain, TimeSpan.Zero);
        var checkpoints = await Task.WhenAll(waiting.Append(last)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, checkpointer.Signatures);
        var node = checkpoints[0].GetMessage("node-checkpoint")!;
        for (var i = 0; i < heads.Count; i++)
        {
            Assert.Equal(heads[i].Process, checkpoints[i].GetText("process"));
            Assert.Equal(MessageIds.All(node), MessageIds.All(checkpoints[i].GetMessage("node-checkpoint")!));
            Assert.True(ScheduleVerifier.NodeCheckpointVouches(checkpoints[i], node, wallet.Address));
        }
        var other = checkpoints[1];
        Assert.False(ScheduleVerifier.NodeCheckpointVouches(checkpoints[0].Set("slot", 1L), node, wallet.Address));
        Assert.False(ScheduleVerifier.NodeCheckpointVouches(checkpoints[0].Set("hash-chain", other.GetText("hash-chain")!), node, wallet.Address));
        Assert.False(ScheduleVerifier.NodeCheckpointVouches(checkpoints[0].Set("proof", other.GetText("proof")!), node, wallet.Address));
    }

    [Fact]
    public async Task A_head_handed_in_within_an_interval_is_signed_when_the_interval_has_passed()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 1);
        var checkpointer = new NodeCheckpointer(signer);

        var checkpoint = await checkpointer.CoverAsync("p", 3, HashChain.Encode(new byte[32]), TimeSpan.FromMilliseconds(10)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, ((AoInteger)checkpoint.Get("slot")!).Value);
        Assert.True(ScheduleVerifier.NodeCheckpointVouches(checkpoint, checkpoint.GetMessage("node-checkpoint")!, wallet.Address));
    }
}
