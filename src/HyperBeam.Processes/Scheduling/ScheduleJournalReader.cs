using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;

namespace HyperBeam.Processes.Scheduling;

/// <summary>Reads assignments of a slot range back from a process's journal (for pages older than what is in memory).</summary>
internal sealed class ScheduleJournalReader(ActorSystem system, string queryPluginId)
{
    private ICurrentEventsByPersistenceIdQuery? _journal;
    private IMaterializer? _materializer;

    public async Task<List<Message>> ReadAsync(string persistenceId, long fromSlot, long toSlot, long fromSequenceNr, long toSequenceNr)
    {
        _journal ??= PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(queryPluginId);
        _materializer ??= system.Materializer();
        var events = await _journal.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr)
            .Where(e => e.Event is AssignmentRecorded a && a.Slot >= fromSlot && a.Slot <= toSlot)
            .Select(e => (AssignmentRecorded)e.Event)
            .RunWith(Sink.Seq<AssignmentRecorded>(), _materializer)
            .ConfigureAwait(false);
        return events.OrderBy(a => a.Slot).Select(a => a.Assignment).ToList();
    }
}
