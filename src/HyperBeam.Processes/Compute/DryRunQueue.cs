using Akka.Actor;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Compute;

/// <summary>A dry run waiting for its turn on the worker, and who asked.</summary>
internal sealed record PendingDryRun(DryRun Command, IActorRef ReplyTo);

/// <summary>
/// The dry runs a <see cref="ProcessComputer"/> has not started, oldest first, at most <see cref="Limit"/> (beyond it
/// the asker gets 503 at once). Plain bookkeeping: the actor decides when one runs.
/// </summary>
internal sealed class DryRunQueue(string processId)
{
    public const int Limit = 256;

    private readonly LinkedList<PendingDryRun> _waiting = new();

    public bool IsEmpty => _waiting.Count == 0;

    /// <summary>Queues the dry run; false (and the asker answered) when it is not for this process or the queue is full.</summary>
    public bool Add(DryRun dryRun, IActorRef replyTo)
    {
        if (dryRun.ProcessId != processId)
        {
            replyTo.Tell(new ProcessCommandFailed(dryRun.ProcessId, 400, $"this compute child serves process {processId}"));
            return false;
        }
        if (_waiting.Count >= Limit)
        {
            replyTo.Tell(new ProcessCommandFailed(processId, 503, $"{Limit} dry runs of this process are waiting already; try again shortly"));
            return false;
        }
        _waiting.AddLast(new PendingDryRun(dryRun, replyTo));
        return true;
    }

    public PendingDryRun Take()
    {
        var first = _waiting.First!.Value;
        _waiting.RemoveFirst();
        return first;
    }

    /// <summary>Puts back a dry run whose worker restarted under it, to run first once the state is rebuilt.</summary>
    public void Again(PendingDryRun pending) => _waiting.AddFirst(pending);

    /// <summary>Answers every waiting dry run with the failure (the computer could not reach a state to run them on).</summary>
    public void FailAll(int status, string reason)
    {
        foreach (var pending in _waiting) pending.ReplyTo.Tell(new ProcessCommandFailed(processId, status, reason));
        _waiting.Clear();
    }
}
