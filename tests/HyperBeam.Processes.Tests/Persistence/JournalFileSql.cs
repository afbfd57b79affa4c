using HyperBeam.Processes.Persistence;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>Runs a statement on a journal's SQLite file from outside the journal (a trigger, a table, a lock).</summary>
internal static class JournalFileSql
{
    public static void Run(string databasePath, string text)
    {
        using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(databasePath));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = text;
        command.ExecuteNonQuery();
    }

    /// <summary>The one integer a query or a file-wide pragma answers.</summary>
    public static long Long(string databasePath, string text)
    {
        using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(databasePath));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = text;
        return (long)command.ExecuteScalar()!;
    }
}
