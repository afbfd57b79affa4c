using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class AssignmentSignerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Many_messages_signed_at_once_on_a_small_pool_all_come_back_signed_by_the_node()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 2);
        var messages = Enumerable.Range(0, 12).Select(i => Message.Of(("type", "Assignment"), ("slot", i))).ToList();

        var signed = await Task.WhenAll(messages.Select(signer.SignAsync)).WaitAsync(Patience);

        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal(i, ((AoInteger)signed[i].Get("slot")!).Value);
            Assert.Equal([wallet.Address], HttpSigCommitments.Committers(signed[i]));
        }
    }

    [Fact]
    public async Task A_disposed_signer_refuses_new_work_with_an_error_instead_of_leaving_it_unanswered()
    {
        using var wallet = Wallet.Create();
        var signer = new AssignmentSigner(wallet, threads: 1);
        signer.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => signer.SignAsync(Message.Of(("type", "Assignment"))).WaitAsync(Patience));
    }

    [Fact]
    public void A_signer_needs_at_least_one_thread()
    {
        using var wallet = Wallet.Create();
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssignmentSigner(wallet, threads: 0));
    }
}
