using Akka.Persistence.Sql.Journal.Types;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>Commits journal rows, one transaction per call; the write stage calls it from one task at a time.</summary>
public interface IJournalRowWriter : IAsyncDisposable
{
    /// <summary>Writes <paramref name="rows"/> in one transaction; returns once they are durable, throws if none was written.</summary>
    Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken);
}
