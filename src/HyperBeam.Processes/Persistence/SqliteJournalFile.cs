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
    /// How many WAL frames a journal writer lets gather before the commit that passes them copies them into the file
    /// (SQLite's automatic checkpoint; its default is 1 000). A checkpoint copies each page once, however often the
    /// frames since the last one rewrote it, and a busy journal rewrites the same pages commit after commit: the
    /// table's last page and, per process in the commit, the last page of its keys. With a hundred processes a commit
    /// dirties two dozen such pages, so at 1 000 frames the checkpoint ran every ~40 commits and copied mostly the same
    /// hundred pages each time; at 10 000 it copies them a tenth as often (the 100-process rows of
    /// <c>hb bench schedule</c>, README "Eighth round"). The cost is disk: the WAL file grows to about 40 MiB and
    /// stays there (SQLite rewrites it from the start after each checkpoint rather than shrinking it), and a reader
    /// looks a page up in up to three WAL index segments instead of one.
    /// </summary>
    public const int WalCheckpointFrames = 10_000;

    /// <summary>
    /// Readies a connection that writes the journal. SQLite itself waits, in steps of a few milliseconds, while another
    /// connection holds the file's write lock: without it Microsoft.Data.Sqlite answers a busy file by sleeping 150 ms
    /// before it tries again, and the journal's one writer then stalled every process's scheduling for 150 ms whenever
    /// a snapshot was being saved or deleted. Its commits checkpoint every <see cref="WalCheckpointFrames"/> frames.
    /// </summary>
    public static async Task ReadyWriterAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds}; PRAGMA wal_autocheckpoint = {WalCheckpointFrames};";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
