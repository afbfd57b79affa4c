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
    public async Task Heads_handed_in_at_once_after_a_signature_wait_out_the_spacing_from_its_start_and_then_share_one()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 1);
        var time = new ManualTime();
        var spacing = TimeSpan.FromMilliseconds(100);
        var checkpointer = new NodeCheckpointer(signer, spacing, time);
        var chain = HashChain.Encode(new byte[32]);

        // The first signature of all begins at once; the next two heads, also "at once", wait until the spacing has passed.
        var first = await checkpointer.CoverAsync("a", 1, chain, TimeSpan.Zero).WaitAsync(TimeSpan.FromSeconds(60));
        var second = checkpointer.CoverAsync("b", 2, chain, TimeSpan.Zero);
        var third = checkpointer.CoverAsync("c", 3, chain, TimeSpan.Zero);
        await time.TimersCreated(1).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([spacing], time.Delays);

        time.Advance(spacing);
        var later = await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, checkpointer.Signatures);
        var node = later[0].GetMessage("node-checkpoint")!;
        Assert.Equal(MessageIds.All(node), MessageIds.All(later[1].GetMessage("node-checkpoint")!));
        Assert.NotEqual(MessageIds.All(node), MessageIds.All(first.GetMessage("node-checkpoint")!));
        Assert.All(later, c => Assert.True(ScheduleVerifier.NodeCheckpointVouches(c, node, wallet.Address)));
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
