using System.Collections.Concurrent;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// Signs assignments and checkpoints with the node wallet (httpsig@1.0 commitments) on the thread pool, so an
/// RSA-4096 signature (milliseconds each) runs on every core and never on a process entity's thread. Each concurrent
/// signer works on its own copy of the key: one RSA instance is not promised to be safe across threads.
/// </summary>
public sealed class AssignmentSigner : IDisposable
{
    private readonly string _jwk;
    private readonly ConcurrentBag<Wallet> _keys = [];

    public AssignmentSigner(Wallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        _jwk = wallet.ToJwk(includePrivate: true);
        Address = wallet.Address;
        _keys.Add(Wallet.FromJwk(_jwk));
    }

    /// <summary>The node's address (the committer of everything this signer signs).</summary>
    public string Address { get; }

    public Task<Message> SignAsync(Message message) => Task.Run(() => Sign(message));

    public Message Sign(Message message)
    {
        var key = _keys.TryTake(out var pooled) ? pooled : Wallet.FromJwk(_jwk);
        try
        {
            return HttpSigCommitments.Commit(message, key);
        }
        finally
        {
            _keys.Add(key);
        }
    }

    public void Dispose()
    {
        while (_keys.TryTake(out var key)) key.Dispose();
    }
}
