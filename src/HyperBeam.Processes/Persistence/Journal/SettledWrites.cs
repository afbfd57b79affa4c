using System.Collections.Concurrent;
using Akka.Actor;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The journal's notices that writes settled, handed from the write stage's loop to the journal actor. One commit
/// settles many actors' writes at once: a message to the journal per write cost an actor activation per write (with
/// 100 processes, one per assignment), so the notices queue here and the journal is told once, to take them all.
/// </summary>
internal sealed class SettledWrites
{
    private readonly ConcurrentQueue<WriteSettled> _queue = new();
    private int _told;

    /// <summary>Queues <paramref name="settled"/>; tells <paramref name="journal"/> <see cref="Ready"/> unless a told one is not yet taken.</summary>
    public void Notify(WriteSettled settled, IActorRef journal)
    {
        _queue.Enqueue(settled);
        if (Interlocked.Exchange(ref _told, 1) == 0) journal.Tell(Ready.Instance);
    }

    /// <summary>
    /// Every notice queued so far, in the order they settled (the journal calls it on <see cref="Ready"/>). A notice
    /// queued while this runs is either taken here or told again: the flag is cleared before the queue is read.
    /// </summary>
    public IEnumerable<WriteSettled> Drain()
    {
        Volatile.Write(ref _told, 0);
        while (_queue.TryDequeue(out var settled)) yield return settled;
    }

    /// <summary>Some writes settled: the journal takes them with <see cref="Drain"/>.</summary>
    public sealed class Ready
    {
        public static readonly Ready Instance = new();

        private Ready()
        {
        }
    }
}

/// <summary>A write of <paramref name="PersistenceId"/> settled (committed or failed); <paramref name="Pipelined"/>: it counted against the actor's writes in flight.</summary>
internal sealed record WriteSettled(string PersistenceId, Task Write, bool Pipelined);
