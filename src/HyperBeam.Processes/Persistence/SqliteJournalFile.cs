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
}
