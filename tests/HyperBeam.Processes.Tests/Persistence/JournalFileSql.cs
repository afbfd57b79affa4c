using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Persistence.Journal;
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

    /// <summary>Tail file <paramref name="index"/> of the journal in <paramref name="databasePath"/> (see <c>SqliteJournalTailFiles</c>).</summary>
    public static string TailPath(string databasePath, int index) => databasePath + "-tail" + index;

    /// <summary>Runs a statement on each of the journal's tail files.</summary>
    public static void RunOnTails(string databasePath, string text)
    {
        for (var i = 0; i < SqliteJournalTailFiles.Count; i++) Run(TailPath(databasePath, i), text);
    }

    /// <summary>Rows in the journal's tail, both files together.</summary>
    public static long TailRows(string databasePath) =>
        Enumerable.Range(0, SqliteJournalTailFiles.Count).Sum(i => Long(TailPath(databasePath, i), "SELECT count(*) FROM journal_tail;"));
}
