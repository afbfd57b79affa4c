namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Where the SQLite journal's commits land first: a table of the journal's columns with no key at all, its rows in
/// the order written (the rowid), in files of its own beside the journal's (<see cref="SqliteJournalTailFiles"/>),
/// moved into the journal table a few thousand at a time. A commit of rows for many
/// processes wrote, besides the rows, one leaf page of the unique <c>(persistence_id, sequence_number)</c> key per
/// process, every commit again, and with a hundred busy processes those pages were most of what a commit wrote and
/// waited on; into the tail it writes only the rows, appended. Moving thousands of rows at once then touches each
/// process's last key page once for all of them. Replay, highest sequence numbers, deletes and the read journal
/// still read the journal table, so each first asks the journal to move its tail (<see cref="FlushJournalTail"/>);
/// the writer refuses a duplicate sequence number itself, since the tail has no key to refuse it
/// (<see cref="SqliteJournalTableWriter"/>). Rows left in the tail by a crash are moved when the journal next starts.
/// </summary>
public static class SqliteJournalTail
{
    /// <summary>Rows the tail gathers before the writer moves them, after the commit that passed the mark.</summary>
    public const int MoveAtRows = 4096;

    /// <summary>The tail of <paramref name="table"/>: the same columns, named after it.</summary>
    public static JournalTable Of(JournalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table with { Schema = null, Name = table.Name + "_tail" };
    }

    /// <summary>Creates the tail when missing.</summary>
    public static string CreateSql(JournalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"CREATE TABLE IF NOT EXISTS {Quote(Of(table).Name)} ({string.Join(", ", SqliteJournalSchema.DataColumns(table))});\n";
    }

    /// <summary>
    /// Moves every row of a tail kept in the journal's own file, as versions before the tail files did, into the journal
    /// table in the order written (to run inside a transaction).
    /// </summary>
    public static string MoveSql(JournalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = string.Join(", ", table.InsertedColumns().Select(Quote));
        var tail = Quote(Of(table).Name);
        return $"INSERT INTO {Quote(table.Name)} ({columns}) SELECT {columns} FROM {tail} ORDER BY rowid;\nDELETE FROM {tail};\n";
    }

    /// <summary>Each process in the tail, its highest and lowest sequence numbers there and its rows (<c>persistence_id, max, min, count</c>).</summary>
    public static string ProcessesSql(JournalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var c = table.Columns;
        return $"SELECT {Quote(c.PersistenceId)}, max({Quote(c.SequenceNumber)}), min({Quote(c.SequenceNumber)}), count(*) FROM {Quote(Of(table).Name)} GROUP BY {Quote(c.PersistenceId)};";
    }

    /// <summary>A process's highest sequence number in the journal table itself (<c>?1</c> the persistence ID; read off its key).</summary>
    public static string HighestInJournalSql(JournalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var c = table.Columns;
        return $"SELECT max({Quote(c.SequenceNumber)}) FROM {Quote(table.Name)} WHERE {Quote(c.PersistenceId)} = ?1;";
    }

    private static string Quote(string identifier) => JournalTable.Quote(identifier);
}
