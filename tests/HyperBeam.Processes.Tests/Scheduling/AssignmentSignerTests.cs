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
    public async Task A_signature_is_handed_over_on_the_signing_thread_without_a_hop_through_the_thread_pool()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 1);
        var handedOver = new TaskCompletionSource<(Message Signed, string? Thread, bool PoolThread)>(TaskCreationOptions.RunContinuationsAsynchronously);

        signer.Sign(Message.Of(("type", "Assignment"), ("slot", 7)),
            signed => handedOver.TrySetResult((signed, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread)),
            e => handedOver.TrySetException(e));
        var (signed, thread, poolThread) = await handedOver.Task.WaitAsync(Patience);

        Assert.Equal([wallet.Address], HttpSigCommitments.Committers(signed));
        Assert.True(HttpSigCommitments.Verify(signed));
        Assert.Equal("hb-signer-0", thread);
        Assert.False(poolThread);
    }

    [Fact]
    public void A_disposed_signer_calls_the_failure_callback_at_once()
    {
        using var wallet = Wallet.Create();
        var signer = new AssignmentSigner(wallet, threads: 1);
        signer.Dispose();
        Exception? failure = null;

        signer.Sign(Message.Of(("type", "Assignment")), _ => { }, e => failure = e);

        Assert.IsType<ObjectDisposedException>(failure);
    }

    [Fact]
    public async Task A_callback_that_throws_leaves_the_signing_thread_serving_later_jobs()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 1);
        var thrown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        signer.Sign(Message.Of(("type", "Assignment"), ("slot", 0)), _ =>
        {
            thrown.TrySetResult();
            throw new InvalidOperationException("a careless caller");
        }, _ => { });
        await thrown.Task.WaitAsync(Patience);
        var later = await signer.SignAsync(Message.Of(("type", "Assignment"), ("slot", 1))).WaitAsync(Patience);

        Assert.Equal([wallet.Address], HttpSigCommitments.Committers(later));
    }

    [Fact]
    public void A_signer_needs_at_least_one_thread()
    {
        using var wallet = Wallet.Create();
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssignmentSigner(wallet, threads: 0));
    }
}
