using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Akka.Persistence.Sql's read journal, with each query preceded by a <see cref="FlushJournalTail"/> to the journal
/// it reads (its <c>write-plugin</c>), when that journal is one of the node's batching journals: the SQLite journal's
/// newest rows may still be in its tail, which the plugin's queries do not read. A query of one process's events
/// asks only for that process's rows up to where it reads, so it waits for no move when those are in the table
/// already. Other journals are read as they are.
/// </summary>
public sealed class TailFlushingReadJournalProvider(ExtendedActorSystem system, Config config) : IReadJournalProvider
{
    public IReadJournal GetReadJournal() => new TailFlushingReadJournal(system, config);
}

/// <summary>
/// See <see cref="TailFlushingReadJournalProvider"/>: the plugin's queries, each started after the tail was moved. A
/// live query then sees later rows as the plugin's does, once they are in the table: at the writer's next move
/// (every few thousand rows) or the next read or recovery that has the tail moved.
/// </summary>
public sealed class TailFlushingReadJournal : IReadJournal, ICurrentEventsByPersistenceIdQuery, IEventsByPersistenceIdQuery,
    ICurrentPersistenceIdsQuery, IPersistenceIdsQuery, ICurrentEventsByTagQuery, IEventsByTagQuery, ICurrentAllEventsQuery, IAllEventsQuery
{
    /// <summary>How long a read waits for the journal to move its tail (a move takes milliseconds, behind the writes queued before it).</summary>
    public static TimeSpan FlushTimeout { get; } = TimeSpan.FromSeconds(30);

    private readonly SqlReadJournal _inner;
    private readonly IActorRef? _journal;

    internal TailFlushingReadJournal(ExtendedActorSystem system, Config config)
    {
        _inner = (SqlReadJournal)new SqlReadJournalProvider(system, config).GetReadJournal();
        var writePlugin = config.GetString("write-plugin", "");
        var journalClass = string.IsNullOrEmpty(writePlugin)
            ? null
            : system.Settings.Config.GetString(writePlugin + ".class", null);
        if (journalClass is not null && Type.GetType(journalClass) is { } type && typeof(BatchingSqlJournal).IsAssignableFrom(type))
            _journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(writePlugin);
    }

    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        AfterFlush(() => _inner.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr), new FlushJournalTail(persistenceId, toSequenceNr));

    public Source<EventEnvelope, NotUsed> EventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        AfterFlush(() => _inner.EventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr), new FlushJournalTail(persistenceId, toSequenceNr));

    public Source<string, NotUsed> CurrentPersistenceIds() => AfterFlush(_inner.CurrentPersistenceIds);

    public Source<string, NotUsed> PersistenceIds() => AfterFlush(_inner.PersistenceIds);

    public Source<EventEnvelope, NotUsed> CurrentEventsByTag(string tag, Offset offset) => AfterFlush(() => _inner.CurrentEventsByTag(tag, offset));

    public Source<EventEnvelope, NotUsed> EventsByTag(string tag, Offset offset) => AfterFlush(() => _inner.EventsByTag(tag, offset));

    public Source<EventEnvelope, NotUsed> CurrentAllEvents(Offset offset) => AfterFlush(() => _inner.CurrentAllEvents(offset));

    public Source<EventEnvelope, NotUsed> AllEvents(Offset offset) => AfterFlush(() => _inner.AllEvents(offset));

    /// <summary>The query, started (each time the source is run) once the journal moved its tail, when it held what the query reads.</summary>
    private Source<T, NotUsed> AfterFlush<T>(Func<Source<T, NotUsed>> query, FlushJournalTail? flush = null)
    {
        if (_journal is not { } journal) return query();
        var request = flush ?? FlushJournalTail.Instance;
        return Source.Single(NotUsed.Instance)
            .SelectAsync(1, _ => journal.Ask<JournalTailFlushed>(request, FlushTimeout))
            .ConcatMany(_ => query());
    }
}
