namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Asks a journal to move what its commits left in its tail (<see cref="SqliteJournalTail"/>) into the table that
/// replay and the read journal read, after every write queued before it: everything, or only if the tail holds a row
/// of <paramref name="PersistenceId"/> at or below <paramref name="UpToSequenceNr"/>. Answered with
/// <see cref="JournalTailFlushed"/> once done, at once by a journal that keeps no tail, or with a <c>Status.Failure</c>.
/// </summary>
public sealed record FlushJournalTail(string? PersistenceId = null, long UpToSequenceNr = long.MaxValue)
{
    public static readonly FlushJournalTail Instance = new();

    public TailMove Move => PersistenceId is null ? TailMove.All : TailMove.For(PersistenceId, UpToSequenceNr);
}

/// <summary>The journal table holds everything committed before the <see cref="FlushJournalTail"/> this answers.</summary>
public sealed record JournalTailFlushed
{
    public static readonly JournalTailFlushed Instance = new();
}
