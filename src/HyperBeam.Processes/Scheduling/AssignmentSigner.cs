using System.Threading.Channels;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// Signs assignments and checkpoints with the node wallet (httpsig@1.0 commitments) on its own pool: one thread per
/// core, each with its own copy of the key (one RSA instance is not promised to be safe across threads). An
/// RSA-4096 signature costs milliseconds; on dedicated threads those never queue in front of the actors' work on the
/// shared thread pool, and never run more at once than there are cores, so signing runs at the machine's raw RSA
/// rate and nothing else waits behind it. <see cref="Sign"/> hands the result to the caller on the signing thread
/// (an entity's <c>Tell</c>), so a signature costs no thread-pool hop on its way back: on a small machine every
/// wake-up of a pool thread is taken from the signing threads.
/// </summary>
public sealed class AssignmentSigner : IDisposable
{
    private readonly Channel<SigningJob> _jobs = Channel.CreateUnbounded<SigningJob>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Thread[] _threads;

    /// <param name="wallet">The node wallet (its key is copied: the caller keeps and disposes its own).</param>
    /// <param name="threads">Signing threads; by default one per core.</param>
    public AssignmentSigner(Wallet wallet, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var count = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(threads));
        Address = wallet.Address;
        var jwk = wallet.ToJwk(includePrivate: true);
        _threads = Enumerable.Range(0, count).Select(i => new Thread(() => Run(Wallet.FromJwk(jwk)))
        {
            IsBackground = true,
            Name = $"hb-signer-{i}",
        }).ToArray();
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>The node's address (the committer of everything this signer signs).</summary>
    public string Address { get; }

    /// <summary>The signed message; faults when it cannot be encoded for a signature, or the signer is disposed.</summary>
    public Task<Message> SignAsync(Message message)
    {
        var done = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        Sign(message, signed => done.TrySetResult(signed), e => done.TrySetException(e));
        return done.Task;
    }

    /// <summary>
    /// Signs the message and calls <paramref name="signed"/> with the result, or <paramref name="failed"/> when it
    /// cannot be encoded for a signature, on a signing thread (keep them short and thread-safe: a <c>Tell</c>); when
    /// the signer is disposed, <paramref name="failed"/> is called at once on the caller's thread.
    /// </summary>
    public void Sign(Message message, Action<Message> signed, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(failed);
        if (!_jobs.Writer.TryWrite(new SigningJob(message, signed, failed))) failed(new ObjectDisposedException(nameof(AssignmentSigner)));
    }

    private void Run(Wallet key)
    {
        using (key)
        {
            var reader = _jobs.Reader;
            // Blocking waits are right here: these threads do nothing but sign.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var job))
                {
                    Message signed;
                    try
                    {
                        signed = HttpSigCommitments.Commit(job.Message, key);
                    }
                    catch (Exception e)
                    {
                        Hand(() => job.Failed(e));
                        continue;
                    }
                    Hand(() => job.Signed(signed));
                }
            }
        }
    }

    /// <summary>
    /// Runs a caller's callback: one that throws is the caller's fault, and must not end a signing thread (an unhandled
    /// exception there would end the node, and every later job would wait forever).
    /// </summary>
    private static void Hand(Action callback)
    {
        try
        {
            callback();
        }
        catch (Exception)
        {
            // Nothing to tell: the callback was the only way back to the caller.
        }
    }

    /// <summary>Signs what is queued, then stops the threads (and disposes their keys).</summary>
    public void Dispose()
    {
        _jobs.Writer.TryComplete();
        foreach (var thread in _threads) thread.Join();
    }

    private sealed record SigningJob(Message Message, Action<Message> Signed, Action<Exception> Failed);
}
