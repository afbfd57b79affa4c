namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// When a writer moves its tail (<see cref="SqliteJournalTail"/>) into the journal table: after a commit only once it
/// is long (<see cref="IfLong"/>), and for a read only when the tail holds what the read needs: any row
/// (<see cref="All"/>), or a row of <see cref="PersistenceId"/> at or below <see cref="UpToSequenceNr"/>. A read of
/// rows already in the table then never waits for the move, nor for SQLite's write lock it takes.
/// </summary>
public sealed record TailMove(bool ForRead, string? PersistenceId = null, long UpToSequenceNr = long.MaxValue)
{
    /// <summary>After a commit: when the tail has reached the writer's mark.</summary>
    public static TailMove IfLong { get; } = new(ForRead: false);

    /// <summary>For a read of anything: whenever the tail holds a row.</summary>
    public static TailMove All { get; } = new(ForRead: true);

    /// <summary>For a read of a process's rows up to a sequence number.</summary>
    public static TailMove For(string persistenceId, long upToSequenceNr = long.MaxValue) => new(true, persistenceId, upToSequenceNr);
}
