using Akka.Actor;
using Akka.Persistence;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The journal's replies to one <c>WriteMessages</c> when it is queued without waiting for the actor's last write to
/// commit. <see cref="Accept"/> says <c>WriteMessagesSuccessful</c>, which to Akka.Persistence means only "send your
/// next batch" (an actor's event handlers run on each event's own <c>WriteMessageSuccess</c>); <see cref="Settle"/>
/// then, on the write stage's loop once the rows committed or failed, says what happened to each event, in the order
/// they were handed in, exactly as Akka.Persistence's own journal would have.
/// </summary>
internal sealed class PipelinedWrite(WriteMessages message, int atomicWrites, IReadOnlyList<Exception?> rejections, IActorRef journal)
{
    private int _accepted;

    /// <summary>Lets the actor send its next batch (at most once; settling accepts too, if nothing did before).</summary>
    public void Accept()
    {
        if (Interlocked.Exchange(ref _accepted, 1) == 0) message.PersistentActor.Tell(WriteMessagesSuccessful.Instance, journal);
    }

    /// <summary>The rows committed (<paramref name="failure"/> null) or none of them did.</summary>
    public void Settle(Exception? failure)
    {
        if (failure is null) Accept();
        else if (Interlocked.Exchange(ref _accepted, 1) == 0) message.PersistentActor.Tell(new WriteMessagesFailed(failure, atomicWrites), journal);
        var instance = message.ActorInstanceId;
        var write = 0;
        foreach (var envelope in message.Messages)
        {
            if (envelope is not AtomicWrite atomic)
            {
                message.PersistentActor.Tell(new LoopMessageSuccess(envelope.Payload, instance), envelope.Sender);
                continue;
            }
            var rejection = rejections[write++];
            foreach (var persistent in (IEnumerable<IPersistentRepresentation>)atomic.Payload)
            {
                object reply = failure is not null ? new WriteMessageFailure(persistent, failure, instance)
                    : rejection is not null ? new WriteMessageRejected(persistent, rejection, instance)
                    : new WriteMessageSuccess(persistent, instance);
                message.PersistentActor.Tell(reply, persistent.Sender);
            }
        }
    }
}
