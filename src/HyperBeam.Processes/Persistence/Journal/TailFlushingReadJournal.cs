using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Akka.Persistence.Sql's read journal, with each read of a process's events preceded by a
/// <see cref="FlushJournalTail"/> to the journal it reads (its <c>write-plugin</c>), when that journal is one of the
/// node's batching journals: the SQLite journal's newest rows may still be in its tail, which the plugin's queries
/// do not read. Other journals are read as they are.
/// </summary>
public sealed class TailFlushingReadJournalProvider(ExtendedActorSystem system, Config config) : IReadJournalProvider
{
    public IReadJournal GetReadJournal() => new TailFlushingReadJournal(system, config);
}

/// <summary>See <see cref="TailFlushingReadJournalProvider"/>: the queries the node makes.</summary>
public sealed class TailFlushingReadJournal : IReadJournal, ICurrentEventsByPersistenceIdQuery
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

    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr)
    {
        if (_journal is not { } journal) return _inner.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr);
        var inner = _inner;
        return Source.Single(NotUsed.Instance)
            .SelectAsync(1, _ => journal.Ask<JournalTailFlushed>(FlushJournalTail.Instance, FlushTimeout))
            .ConcatMany(_ => inner.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr));
    }
}
