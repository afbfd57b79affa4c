using Akka.Actor;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Scheduling;

/// <summary>A slot given out but not yet written: who asked, and the assignment once it is ready (signed in each mode).</summary>
internal sealed class PendingAssignment(long slot, IActorRef replyTo)
{
    private bool _answered;

    public long Slot { get; } = slot;

    public IActorRef ReplyTo { get; } = replyTo;

    public Message? Assignment { get; set; }

    /// <summary>Tells the sender its slot was not written, unless it was answered already (aggressive mode answers first).</summary>
    public void Fail(string processId, int status, string reason)
    {
        if (_answered) return;
        _answered = true;
        ReplyTo.Tell(new ProcessCommandFailed(processId, status, reason));
    }

    /// <summary>Tells the sender its assignment, once (aggressive mode answers before the write, so the write must not answer again).</summary>
    public void Answer(string processId)
    {
        if (_answered || Assignment is null) return;
        _answered = true;
        ReplyTo.Tell(new Scheduled(processId, Slot, Assignment));
    }
}
