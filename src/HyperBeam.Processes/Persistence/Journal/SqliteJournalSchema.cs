using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The SQLite journal table, created here rather than by Akka.Persistence.Sql's auto-initialize: the same table (the
/// columns and types its linq2db mapping creates, so its replay, deletes and read journal work on it unchanged) with
/// only the unique <c>(persistence_id, sequence_number)</c> index. The plugin also indexes <c>created</c> and
/// <c>sequence_number</c> alone, and re-creates both on every start (<c>CREATE INDEX IF NOT EXISTS</c>), but none of
/// its queries nor the node's reads by either column alone: replay, highest sequence number, deletes and events by
/// persistence ID filter on the persistence ID first (the unique index), the ordering and tag queries on the rowid.
/// Every row written paid for both, about six WAL pages a commit (a quarter of a 1-process commit's pages).
/// A file written before keeps its rows; the two indexes are dropped from it once. Beside it are the files commits
/// land in first (<see cref="SqliteJournalTail"/>); rows a crash left there are moved into the journal table at start.
/// </summary>
public sealed record SqliteJournalSchema(JournalTable Table, string OrderingColumn)
{
    public static SqliteJournalSchema From(Config pluginConfig)
    {
        ArgumentNullException.ThrowIfNull(pluginConfig);
        var mapping = pluginConfig.GetString("table-mapping", "default");
        var ordering = pluginConfig.GetConfig(mapping)?.GetConfig("journal")?.GetConfig("columns")?.GetString("ordering", "ordering") ?? "ordering";
        return new SqliteJournalSchema(JournalTable.From(pluginConfig), ordering);
    }

    /// <summary>The names Akka.Persistence.Sql gives its SQLite journal indexes (its auto-initialize's footer).</summary>
    public string UniqueIndex => Table.Name + "_uq";

    /// <summary>The plugin's indexes that no query uses, dropped from files that have them.</summary>
    public IReadOnlyList<string> UnusedIndexes => [Table.Name + "_" + Table.Columns.Created + "_idx", Table.Name + "_" + Table.Columns.SequenceNumber + "_idx"];

    /// <summary>
    /// Creates the table and its unique index when missing and drops the unused indexes, in one transaction, then moves
    /// what the tail holds into the table: rows a crash left in the tail files (<see cref="SqliteJournalTailFiles"/>),
    /// and those of a tail kept in the journal's own file, as versions before the tail files did (that table is
    /// dropped once empty).
    /// </summary>
    public void Ensure(string connectionString)
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $tail);";
            command.Parameters.AddWithValue("$tail", SqliteJournalTail.Of(Table).Name);
            var tailInFile = (long)command.ExecuteScalar()! != 0;
            command.Parameters.Clear();
            command.CommandText = Sql() + (tailInFile ? TailInFileSql() : "");
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        new SqliteJournalTailFiles(connectionString, Table).MoveAll();
    }

    /// <summary>The statements <see cref="Ensure"/> runs on the journal's file.</summary>
    public string Sql()
    {
        var c = Table.Columns;
        var table = Quote(Table.Name);
        var columns = DataColumns(Table).Prepend($"{Quote(OrderingColumn)} INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT");
        return $"CREATE TABLE IF NOT EXISTS {table} ({string.Join(", ", columns)});\n" +
            $"CREATE UNIQUE INDEX IF NOT EXISTS {Quote(UniqueIndex)} ON {table} ({Quote(c.PersistenceId)}, {Quote(c.SequenceNumber)});\n" +
            string.Concat(UnusedIndexes.Select(index => $"DROP INDEX IF EXISTS {Quote(index)};\n"));
    }

    /// <summary>Moves the rows of a tail kept in the journal's file into the table, then drops it.</summary>
    private string TailInFileSql() =>
        SqliteJournalTail.MoveSql(Table) + $"DROP TABLE {Quote(SqliteJournalTail.Of(Table).Name)};\n";

    /// <summary>The definitions of every column but the ordering, in the order the plugin creates them (the tail has just these).</summary>
    internal static List<string> DataColumns(JournalTable table)
    {
        var c = table.Columns;
        var columns = new List<string>
        {
            $"{Quote(c.Created)} INTEGER NOT NULL",
            $"{Quote(c.Deleted)} Bit NOT NULL",
            $"{Quote(c.PersistenceId)} NVarChar(255) NOT NULL",
            $"{Quote(c.SequenceNumber)} INTEGER NOT NULL",
            $"{Quote(c.Message)} VarBinary NOT NULL",
        };
        if (table.HasTags) columns.Add($"{Quote(c.Tags)} NVarChar(100) NULL");
        columns.Add($"{Quote(c.Manifest)} NVarChar(500) NULL");
        columns.Add($"{Quote(c.Identifier)} INTEGER NULL");
        if (table.HasWriterUuid) columns.Add($"{Quote(c.WriterUuid)} NVarChar(128) NULL");
        return columns;
    }

    private static string Quote(string identifier) => JournalTable.Quote(identifier);
}
