using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence;

/// <summary>The SQLite file that holds process journals and snapshots.</summary>
public static class SqliteJournalFile
{
    public const string DefaultFileName = "processes.db";

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = true, DefaultTimeout = 30 }.ToString();

    /// <summary>
    /// Creates the file if needed and switches it to write-ahead logging: readers then never block the writer, and a
    /// commit costs one append. The mode is stored in the file, so doing it once before the journal starts is enough.
    /// </summary>
    public static void EnableWriteAheadLog(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>How long a writer waits for another to finish (the snapshot store writes to the same file).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Lets SQLite itself wait, in steps of a few milliseconds, while another connection holds the file's write lock.
    /// Without it Microsoft.Data.Sqlite answers a busy file by sleeping 150 ms before it tries again: the journal's
    /// one writer then stalled every process's scheduling for 150 ms whenever a snapshot was being saved or deleted.
    /// </summary>
    public static async Task WaitWhileBusyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
