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
/// Settings, beside the plugin's own: <c>write-stage.max-rows-per-transaction</c> (default 1000) and
/// <c>write-stage.max-queued-writes</c> (default: the plugin's <c>buffer-size</c>).
/// </para>
/// </summary>
public abstract class BatchingSqlJournal : SqlWriteJournal
{
    private readonly JournalTableWriter _writer;
    private readonly JournalWriteStage _stage;
    private readonly string _tagSeparator;
    private readonly bool _tagsInRow;
    private readonly string? _writerUuid;
    private readonly Dictionary<string, Task> _writesInProgress = [];

    protected BatchingSqlJournal(Config journalConfig) : base(journalConfig)
    {
        var config = journalConfig.WithFallback(SqlPersistence.DefaultJournalConfiguration);
        var table = JournalTable.From(config);
        var connectionString = config.GetString("connection-string", "");
        _tagSeparator = config.GetString("tag-separator", ";");
        _tagsInRow = table.HasTags;
        _writerUuid = table.HasWriterUuid ? Guid.NewGuid().ToString("N") : null;
        _writer = new JournalTableWriter(() => Connect(connectionString), table);
        _stage = new JournalWriteStage(_writer.CommitAsync,
            config.GetInt("write-stage.max-rows-per-transaction", 1000),
            config.GetInt("write-stage.max-queued-writes", config.GetInt("buffer-size", 5000)));
    }

    /// <summary>A new, closed connection to the journal's database.</summary>
    protected abstract DbConnection Connect(string connectionString);

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var timestamp = DateTime.UtcNow.Ticks;
        var writes = messages.ToList();
        var rows = new List<JournalRow>();
        var rejections = new Exception?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                rows.AddRange(((IImmutableList<IPersistentRepresentation>)writes[i].Payload).Select(p => Row(p, timestamp)).ToList());
            }
            catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or ArgumentException or NotSupportedException)
            {
                rejections[i] = e;
            }
        }
        var persistenceId = writes[0].PersistenceId;
        var done = _stage.WriteAsync(new JournalWrite(persistenceId, rows));
        _writesInProgress[persistenceId] = done;
        var self = Self;
        done.ContinueWith(_ => self.Tell(new WriteSettled(persistenceId, done)), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Answer(done, rejections);
    }

    private static async Task<IImmutableList<Exception>> Answer(Task done, Exception?[] rejections)
    {
        await done.ConfigureAwait(false);
        return rejections.All(r => r is null) ? null! : rejections.Select(r => r!).ToImmutableList();
    }

    /// <summary>Waits for this actor's writes still queued, as the base journal does, so recovery sees them.</summary>
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
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    protected override bool ReceivePluginInternal(object message)
    {
        if (message is not WriteSettled settled) return base.ReceivePluginInternal(message);
        if (_writesInProgress.TryGetValue(settled.PersistenceId, out var latest) && latest == settled.Write)
            _writesInProgress.Remove(settled.PersistenceId);
        return true;
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

    private sealed record WriteSettled(string PersistenceId, Task Write);
}
