using Akka.Persistence.Sql.Journal.Types;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>Commits journal rows, one transaction per call; the write stage calls it from one task at a time.</summary>
public interface IJournalRowWriter : IAsyncDisposable
{
    /// <summary>Writes <paramref name="rows"/> in one transaction; returns once they are durable, throws if none was written.</summary>
    Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken);

    /// <summary>
    /// For a writer whose commits land in a tail (SQLite's, <see cref="SqliteJournalTail"/>): moves the tail into the
    /// journal table when <paramref name="move"/> says it is due. Others keep none.
    /// </summary>
    Task MergeTailAsync(TailMove move, CancellationToken cancellationToken) => Task.CompletedTask;
}
