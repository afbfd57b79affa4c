using System.Collections.Concurrent;
using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal.Types;
using HyperBeam.Processes.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>
/// The batching SQLite journal with every transaction held at a <see cref="GatedCommit"/> until the test releases
/// it (nothing of it is written before), and every <c>WriteMessages</c> it receives recorded.
/// </summary>
public sealed class GatedSqliteJournal(Config journalConfig) : BatchingSqlJournal(journalConfig)
{
    private static readonly ConcurrentDictionary<string, JournalGate> Gates = new();

    private readonly JournalGate _gate = Gates[journalConfig.GetString("test-gate")];

    /// <summary>A new gate, and the configuration that puts it in front of the journal of an actor system.</summary>
    internal static (JournalGate Gate, Config Config) Create(int maxWritesInFlight = 4)
    {
        var id = Guid.NewGuid().ToString("N");
        var gate = new JournalGate();
        Gates[id] = gate;
        return (gate, ConfigurationFactory.ParseString($"""
            akka.persistence.journal.sql.class = "{typeof(GatedSqliteJournal).AssemblyQualifiedName}"
            akka.persistence.journal.sql.test-gate = "{id}"
            akka.persistence.journal.sql.write-stage.max-writes-in-flight-per-actor = {maxWritesInFlight}
            """));
    }

    protected override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    protected override bool IsFaultOfRows(Exception failure) => SqliteBatchingJournal.IsFaultOfRowsOnSqlite(failure);

    protected override async Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        await _gate.Commit.CommitAsync(rows, cancellationToken);
        await base.CommitAsync(rows, cancellationToken);
    }

    /// <summary>Counted once handled: the tests warm the journal first, so no write is stashed and counted twice.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        if (message is WriteMessages write) _gate.Received(write);
        return handled;
    }
}

/// <summary>What a <see cref="GatedSqliteJournal"/> holds and saw.</summary>
internal sealed class JournalGate
{
    private readonly object _lock = new();
    private readonly List<TaskCompletionSource> _received = [];
    private int _count;

    public GatedCommit Commit { get; } = new();

    public void Received(WriteMessages write)
    {
        TaskCompletionSource signal;
        lock (_lock) signal = Slot(++_count);
        signal.TrySetResult();
    }

    /// <summary>Completes when the journal has received <paramref name="n"/> <c>WriteMessages</c> in all.</summary>
    public Task WritesReceived(int n)
    {
        lock (_lock) return Slot(n).Task;
    }

    public int WritesReceivedSoFar
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    private TaskCompletionSource Slot(int n)
    {
        while (_received.Count < n) _received.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _received[n - 1];
    }
}
