using System.Collections.Immutable;
using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Types;
using Akka.Serialization;
using Akka.Util;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Akka.Persistence.Sql's journal with its write path replaced by one <see cref="JournalWriteStage"/>: what every
/// process entity has ready goes into the same transaction. Table creation, replay, highest sequence numbers,
/// deletes and the read journal stay Akka.Persistence.Sql's, on the same table and the same row layout (the rows
/// are written the way its serializer writes them), so a database written by either is read by both.
/// <para>
/// An actor's next batch need not wait for its last one to commit: Akka.Persistence sends an actor's next
/// <c>WriteMessages</c> only once the journal said <c>WriteMessagesSuccessful</c> for the last, so this journal says
/// it as soon as the write is queued (see <see cref="PipelinedWrite"/>), while the actor has fewer than
/// <c>write-stage.max-writes-in-flight-per-actor</c> writes queued; each event's own <c>WriteMessageSuccess</c>,
/// which runs its handler and so answers its sender, still comes only after its rows committed, in order. A single
/// busy actor's commit then carries everything it made while the last one was written, not one batch per round
/// trip. Failures stay gapless: the stage refuses every later write of an actor that continues past rows not
/// written, and the actor stops at the first failure it hears of.
/// </para>
/// <para>
/// Settings, beside the plugin's own: <c>write-stage.max-rows-per-transaction</c> (default 1000),
/// <c>write-stage.max-queued-writes</c> (default: the plugin's <c>buffer-size</c>) and
/// <c>write-stage.max-writes-in-flight-per-actor</c> (default 4; 1 is Akka.Persistence's one write at a time).
/// </para>
/// </summary>
public abstract class BatchingSqlJournal : SqlWriteJournal
{
    private readonly IJournalRowWriter _writer;
    private readonly JournalWriteStage _stage;
    private readonly string _tagSeparator;
    private readonly bool _tagsInRow;
    private readonly string? _writerUuid;
    private readonly Dictionary<string, Task> _writesInProgress = [];
    private readonly Dictionary<string, ActorWrites> _inFlight = [];
    private readonly int _maxWritesInFlight;
    private readonly SettledWrites _settled = new();
    private bool _initialized;

    protected BatchingSqlJournal(Config journalConfig) : base(journalConfig)
    {
        var config = journalConfig.WithFallback(SqlPersistence.DefaultJournalConfiguration);
        var table = JournalTable.From(config);
        var connectionString = config.GetString("connection-string", "");
        _tagSeparator = config.GetString("tag-separator", ";");
        _tagsInRow = table.HasTags;
        _writerUuid = table.HasWriterUuid ? Guid.NewGuid().ToString("N") : null;
        _writer = CreateWriter(connectionString, table);
        _stage = new JournalWriteStage(CommitAsync,
            config.GetInt("write-stage.max-rows-per-transaction", 1000),
            config.GetInt("write-stage.max-queued-writes", config.GetInt("buffer-size", 5000)),
            CommitsOnCallingThread, IsFaultOfRows, _writer.MergeTailAsync);
        _maxWritesInFlight = Math.Max(1, config.GetInt("write-stage.max-writes-in-flight-per-actor", 4));
    }

    /// <summary>A new, closed connection to the journal's database.</summary>
    protected abstract DbConnection Connect(string connectionString);

    /// <summary>What commits the stage's transactions: by default ADO.NET on <see cref="Connect"/>'s connections.</summary>
    protected virtual IJournalRowWriter CreateWriter(string connectionString, JournalTable table) =>
        new JournalTableWriter(() => Connect(connectionString), table);

    /// <summary>
    /// Whether a commit runs on the thread that calls it (SQLite's writer: the stage gets a thread of its own, woken
    /// directly when writes arrive) rather than awaiting I/O (by default: the stage runs on the thread pool, where that
    /// I/O's continuation comes from).
    /// </summary>
    protected virtual bool CommitsOnCallingThread => false;

    /// <summary>
    /// Whether a failed commit failed for what some of its rows hold (a constraint they break), not for the database:
    /// the stage then tries each actor's write again alone, so only the actor whose rows those are fails. None by default.
    /// </summary>
    protected virtual bool IsFaultOfRows(Exception failure) => false;

    /// <summary>
    /// Whether the writer's commits land in a tail that reads do not see (<see cref="SqliteJournalTail"/>): replay,
    /// highest sequence numbers, deletes and <see cref="FlushJournalTail"/> then first have it moved.
    /// </summary>
    protected virtual bool KeepsTail => false;

    /// <summary>Commits one transaction of rows (the write stage calls it from one task at a time).</summary>
    protected virtual Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken) =>
        _writer.CommitAsync(rows, cancellationToken);

    protected override void PreStart()
    {
        base.PreStart();
        // The plugin stashes every message until it has created its tables; this one, handled after that, says so.
        Self.Tell(Initialized.Instance);
    }

    /// <summary>
    /// Takes <c>WriteMessages</c> from Akka.Persistence's own handling (whose <c>Receive</c> is sealed) once the plugin
    /// has created its tables; those that came before go the plugin's way (still through the stage, answered after
    /// their commit).
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is WriteMessages write && _initialized && TryWrite(write)) return true;
        return base.AroundReceive(receive, message);
    }

    /// <summary>Akka.Persistence's path, for a write that reaches it anyway: the same stage, answered after the commit.</summary>
    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var rows = new List<JournalRow>();
        var rejections = new Exception?[writes.Count];
        var timestamp = DateTime.UtcNow.Ticks;
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                AddRows(rows, writes[i], timestamp);
            }
            catch (Exception e) when (IsRejection(e))
            {
                rejections[i] = e;
            }
        }
        var done = Queue(writes[0].PersistenceId, rows, null, null);
        return Answer(done, rejections);
    }

    private static async Task<IImmutableList<Exception>> Answer(Task done, Exception?[] rejections)
    {
        await done.ConfigureAwait(false);
        return rejections.All(r => r is null) ? null! : rejections.Select(r => r!).ToImmutableList();
    }

    /// <summary>Queues the write and answers it as <see cref="PipelinedWrite"/> says; false when an event adapter failed (the plugin's way rejects it).</summary>
    private bool TryWrite(WriteMessages message)
    {
        List<AtomicWrite> writes;
        try
        {
            writes = PreparePersistentBatch(message.Messages).ToList();
        }
        catch (Exception)
        {
            return false;
        }
        var persistenceId = writes.Count > 0 ? writes[0].PersistenceId : message.PersistentActor.Path.ToStringWithoutAddress();
        var rows = new List<JournalRow>();
        var rejections = new Exception?[writes.Count];
        long? gapFrom = null;
        var timestamp = DateTime.UtcNow.Ticks;
        for (var i = 0; i < writes.Count; i++)
        {
            if (gapFrom is { } gap)
            {
                // Written, these would follow the rejected events: a gap in the actor's sequence numbers.
                rejections[i] = new InvalidOperationException($"{persistenceId}: sequence number {gap} was rejected, so {writes[i].LowestSequenceNr} cannot follow it");
                continue;
            }
            try
            {
                AddRows(rows, writes[i], timestamp);
            }
            catch (Exception e) when (IsRejection(e))
            {
                rejections[i] = e;
                gapFrom = writes[i].LowestSequenceNr;
            }
        }

        var actor = _inFlight.TryGetValue(persistenceId, out var existing) ? existing : _inFlight[persistenceId] = new ActorWrites();
        var pipelined = new PipelinedWrite(message, writes.Count, rejections, Self);
        actor.Count++;
        if (actor.Count < _maxWritesInFlight) pipelined.Accept();
        else actor.WaitingForRoom = pipelined;
        Queue(persistenceId, rows, gapFrom, pipelined);
        return true;
    }

    private Task Queue(string persistenceId, IReadOnlyList<JournalRow> rows, long? gapFrom, PipelinedWrite? pipelined)
    {
        var self = Self;
        JournalWrite? write = null;
        // Told from where the write settles (the stage's loop, or here when it is refused at once), before its task
        // completes: a continuation on that task would cost a thread-pool hop per write.
        write = new JournalWrite(persistenceId, rows, gapFrom, failure =>
        {
            pipelined?.Settle(failure);
            _settled.Notify(new WriteSettled(persistenceId, write!.Done, pipelined is not null), self);
        });
        var done = _stage.WriteAsync(write);
        // An earlier write of the actor may still be queued when this one was refused at once: recovery waits for that.
        if (!done.IsCompleted || !_writesInProgress.ContainsKey(persistenceId)) _writesInProgress[persistenceId] = done;
        return done;
    }

    /// <summary>The rows of one atomic write, all or none: a row that cannot be made leaves <paramref name="rows"/> as it was.</summary>
    private void AddRows(List<JournalRow> rows, AtomicWrite write, long timestamp)
    {
        var payload = (IImmutableList<IPersistentRepresentation>)write.Payload;
        var start = rows.Count;
        try
        {
            foreach (var persistent in payload) rows.Add(Row(persistent, timestamp));
        }
        catch
        {
            rows.RemoveRange(start, rows.Count - start);
            throw;
        }
    }

    private static bool IsRejection(Exception e) =>
        e is System.Runtime.Serialization.SerializationException or ArgumentException or NotSupportedException;

    /// <summary>
    /// Waits for this actor's writes still queued, as the base journal does, so recovery sees them, and has the tail
    /// moved: recovery asks for the highest sequence number before it replays, and both read the table.
    /// </summary>
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_writesInProgress.TryGetValue(persistenceId, out var inProgress))
        {
            try
            {
                await inProgress.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A failed write wrote nothing: the highest sequence number is what the table says.
            }
        }
        if (KeepsTail) await _stage.FlushAsync(TailMove.For(persistenceId)).ConfigureAwait(false);
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes from the table, so the rows to delete must be there first.</summary>
    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        // All of the actor's rows: the plugin's delete keeps the row of its highest sequence number.
        if (KeepsTail) await _stage.FlushAsync(TailMove.For(persistenceId)).ConfigureAwait(false);
        await base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    protected override bool ReceivePluginInternal(object message)
    {
        switch (message)
        {
            case Initialized:
                _initialized = true;
                return true;
            case SettledWrites.Ready:
                foreach (var settled in _settled.Drain()) Forget(settled);
                return true;
            case FlushJournalTail flush:
                if (KeepsTail)
                    _stage.FlushAsync(flush.Move).PipeTo(Sender, success: () => JournalTailFlushed.Instance, failure: e => new Status.Failure(e));
                else
                    Sender.Tell(JournalTailFlushed.Instance);
                return true;
            default:
                return base.ReceivePluginInternal(message);
        }
    }

    private void Forget(WriteSettled settled)
    {
        if (_writesInProgress.TryGetValue(settled.PersistenceId, out var latest) && latest == settled.Write)
            _writesInProgress.Remove(settled.PersistenceId);
        if (settled.Pipelined) MakeRoom(settled.PersistenceId);
    }

    /// <summary>One of the actor's writes settled: the one waiting for room, if any, may be accepted now.</summary>
    private void MakeRoom(string persistenceId)
    {
        if (!_inFlight.TryGetValue(persistenceId, out var actor)) return;
        if (--actor.Count == 0) _inFlight.Remove(persistenceId);
        else if (actor.WaitingForRoom is { } waiting && actor.Count < _maxWritesInFlight)
        {
            actor.WaitingForRoom = null;
            waiting.Accept();
        }
    }

    protected override void PostStop()
    {
        // Queued writes are still written (their actors may be gone, their rows are not); then the connection closes.
        var stage = _stage;
        var writer = _writer;
        _ = Task.Run(async () =>
        {
            await stage.DisposeAsync().ConfigureAwait(false);
            await writer.DisposeAsync().ConfigureAwait(false);
        });
        base.PostStop();
    }

    /// <summary>The row Akka.Persistence.Sql's serializer would write for <paramref name="persistent"/>.</summary>
    private JournalRow Row(IPersistentRepresentation persistent, long timestamp)
    {
        var payload = persistent.Payload;
        var tags = ImmutableHashSet<string>.Empty;
        if (payload is Tagged tagged)
        {
            payload = tagged.Payload;
            tags = tagged.Tags.ToImmutableHashSet();
        }
        if (tags.Count > 0 && !_tagsInRow)
            throw new NotSupportedException($"{persistent.PersistenceId}: tagged events need the tag table, which this journal does not write");
        var system = (ExtendedActorSystem)Context.System;
        var serializer = system.Serialization.FindSerializerFor(payload);
        return Akka.Serialization.Serialization.WithTransport(system, (payload, serializer), state => new JournalRow
        {
            Deleted = false,
            PersistenceId = persistent.PersistenceId,
            SequenceNumber = persistent.SequenceNr,
            Timestamp = persistent.Timestamp == 0 ? timestamp : persistent.Timestamp,
            Tags = tags.Count == 0 ? "" : _tagSeparator + string.Join(_tagSeparator, tags) + _tagSeparator,
            Message = state.serializer.ToBinary(state.payload),
            Identifier = state.serializer.Identifier,
            Manifest = state.serializer switch
            {
                SerializerWithStringManifest withManifest => withManifest.Manifest(state.payload),
                { IncludeManifest: true } => state.payload.GetType().TypeQualifiedName(),
                _ => "",
            },
            WriterUuid = _writerUuid,
        });
    }


    private sealed class Initialized
    {
        public static readonly Initialized Instance = new();
    }

    /// <summary>An actor's writes queued and not settled, and the one whose acceptance waits for room.</summary>
    private sealed class ActorWrites
    {
        public int Count { get; set; }

        public PipelinedWrite? WaitingForRoom { get; set; }
    }
}
