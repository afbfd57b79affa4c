using Akka.Persistence.Sql.Journal.Types;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>
/// The SQLite journal's own writer over a real file: the rows ADO.NET would write, all or none per call, landing in
/// the journal's tail and moved into its table.
/// </summary>
public sealed class SqliteJournalTableWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hb-sqlite-writer-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "processes.db");

    private string ConnectionString => SqliteJournalFile.ConnectionString(DatabasePath);

    [Fact]
    public async Task Rows_are_stored_with_the_same_values_and_types_as_through_ado_net()
    {
        CreateTable("journal_ado");
        CreateTable("journal_raw");
        JournalRow[] rows =
        [
            Row("process-ä€", 1, [1, 2, 3]),
            Row("process-ä€", 2, [], identifier: null, writerUuid: null, deleted: true),
            Row("process-b", 1, [0, 255], tags: ";t;", manifest: "hb.checkpoint.v1"),
        ];
        await using (var ado = new JournalTableWriter(() => new SqliteConnection(ConnectionString), Table("journal_ado")))
            await ado.CommitAsync(rows, CancellationToken.None);
        await using (var raw = new SqliteJournalTableWriter(ConnectionString, Table("journal_raw")))
            await raw.CommitAsync(rows, CancellationToken.None);

        var written = Dump("journal_raw");
        Assert.Equal(3, written.Count);
        Assert.Equal(Dump("journal_ado"), written);
    }

    [Fact]
    public async Task A_failed_transaction_writes_none_of_its_rows_and_the_next_one_still_commits()
    {
        CreateTable("journal");
        await using var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        await writer.CommitAsync([Row("a", 1, [1])], CancellationToken.None);

        // Row 2 is inserted before the duplicate of row 1 fails the transaction: it must not stay.
        await Assert.ThrowsAsync<SqliteException>(() => writer.CommitAsync([Row("a", 2, [2]), Row("a", 1, [1])], CancellationToken.None));
        Assert.Equal(["a:1"], TailKeys());

        await writer.CommitAsync([Row("a", 2, [2]), Row("a", 3, [3])], CancellationToken.None);
        Assert.Equal(["a:1", "a:2", "a:3"], TailKeys());
    }

    [Fact]
    public async Task A_commit_waits_for_another_connection_that_holds_the_write_lock()
    {
        CreateTable("journal");
        await using var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        await writer.CommitAsync([Row("a", 1, [1])], CancellationToken.None);
        // Commits land in the first tail file.
        await using var other = new SqliteConnection(SqliteJournalFile.ConnectionString(JournalFileSql.TailPath(DatabasePath, 0)));
        await other.OpenAsync();
        // BEGIN IMMEDIATE: the other connection holds the write lock until it commits.
        await using var holding = other.BeginTransaction(deferred: false);

        var commit = Task.Run(() => writer.CommitAsync([Row("a", 2, [2])], CancellationToken.None));
        await holding.CommitAsync();
        await commit;

        Assert.Equal(["a:1", "a:2"], TailKeys());
    }

    [Fact]
    public async Task The_writer_lets_the_wal_gather_past_sqlites_default_checkpoint_before_copying_it_back()
    {
        CreateTable("journal");
        await using var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        // ~10 pages a row (overflow pages of a 40 KB event), 300 commits: ~3 000 frames. SQLite's default checkpoint
        // (every 1 000 frames) would have copied them back and rewritten the WAL from its start, so the file would
        // have stopped growing at ~1 000 frames.
        var message = new byte[40_000];
        for (var sequenceNr = 1; sequenceNr <= 300; sequenceNr++)
            await writer.CommitAsync([Row("a", sequenceNr, message)], CancellationToken.None);

        // Commits land in the first tail file.
        var tail = JournalFileSql.TailPath(DatabasePath, 0);
        var frame = 24 + JournalFileSql.Long(tail, "PRAGMA page_size;");
        var frames = (new FileInfo(tail + "-wal").Length - 32) / frame;
        Assert.InRange(frames, 2_500, SqliteJournalFile.WalCheckpointFrames);
    }

    [Fact]
    public async Task Rows_wait_in_the_tail_until_it_is_long_enough_then_move_into_the_table_in_the_order_written()
    {
        CreateTable("journal");
        await using var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal"), moveAtRows: 5);
        await writer.CommitAsync([Row("a", 1, [1]), Row("b", 1, [2]), Row("a", 2, [3])], CancellationToken.None);
        await writer.MergeTailAsync(TailMove.IfLong, CancellationToken.None);
        Assert.Empty(Keys("journal"));
        Assert.Equal(["a:1", "b:1", "a:2"], TailKeys());

        await writer.CommitAsync([Row("c", 1, [4]), Row("b", 2, [5])], CancellationToken.None);
        await writer.MergeTailAsync(TailMove.IfLong, CancellationToken.None);
        await writer.Moving;
        Assert.Equal(["a:1", "b:1", "a:2", "c:1", "b:2"], Keys("journal"));
        Assert.Empty(TailKeys());

        await writer.CommitAsync([Row("c", 2, [6])], CancellationToken.None);
        await writer.MergeTailAsync(TailMove.All, CancellationToken.None);
        Assert.Equal(["a:1", "b:1", "a:2", "c:1", "b:2", "c:2"], Keys("journal"));
        Assert.Empty(TailKeys());
    }

    [Fact]
    public async Task A_read_has_the_tail_moved_only_when_it_holds_a_row_the_read_needs()
    {
        CreateTable("journal");
        await using var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        await writer.CommitAsync([Row("a", 1, [1]), Row("a", 2, [2]), Row("b", 1, [3])], CancellationToken.None);
        await writer.MergeTailAsync(TailMove.All, CancellationToken.None);
        await writer.CommitAsync([Row("a", 3, [4]), Row("b", 2, [5])], CancellationToken.None);

        // c has no rows in the tail, a's there start at 3.
        await writer.MergeTailAsync(TailMove.For("c"), CancellationToken.None);
        await writer.MergeTailAsync(TailMove.For("a", 2), CancellationToken.None);
        Assert.Equal(["a:3", "b:2"], TailKeys());

        await writer.MergeTailAsync(TailMove.For("a", 3), CancellationToken.None);
        Assert.Empty(TailKeys());
        Assert.Equal(["a:1", "a:2", "b:1", "a:3", "b:2"], Keys("journal"));

        // A writer that opens on rows a crash left in the tail knows where each process's start.
        JournalFileSql.Run(NewestTailPath(), "INSERT INTO journal_tail (created, deleted, persistence_id, sequence_number, message) VALUES (0, 0, 'b', 3, x'01');");
        await using var reopened = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        await reopened.MergeTailAsync(TailMove.For("b", 2), CancellationToken.None);
        Assert.Equal(["b:3"], TailKeys());
        await reopened.MergeTailAsync(TailMove.For("b"), CancellationToken.None);
        Assert.Empty(TailKeys());
    }

    [Fact]
    public async Task A_row_at_or_below_its_processes_highest_sequence_number_is_refused_as_the_key_refuses_it_whether_that_is_in_the_tail_or_the_table()
    {
        CreateTable("journal");
        await using (var first = new SqliteJournalTableWriter(ConnectionString, Table("journal")))
        {
            await first.CommitAsync([Row("a", 1, [1]), Row("a", 2, [2])], CancellationToken.None);
            await first.MergeTailAsync(TailMove.All, CancellationToken.None);
            await first.CommitAsync([Row("a", 3, [3]), Row("b", 1, [4])], CancellationToken.None);

            // In the tail (b:1) and in the table (a:2), from the writer that wrote them.
            var inTail = await Assert.ThrowsAsync<SqliteException>(() => first.CommitAsync([Row("c", 1, [5]), Row("b", 1, [6])], CancellationToken.None));
            Assert.Equal(19, inTail.SqliteErrorCode);
            Assert.True(SqliteBatchingJournal.IsFaultOfRowsOnSqlite(inTail));
            var inTable = await Assert.ThrowsAsync<SqliteException>(() => first.CommitAsync([Row("a", 2, [7])], CancellationToken.None));
            Assert.Equal(19, inTable.SqliteErrorCode);
        }

        // A writer that opens on the file (as after a crash, with rows left in the tail) knows both too.
        JournalFileSql.Run(NewestTailPath(), "INSERT INTO journal_tail (created, deleted, persistence_id, sequence_number, message) VALUES (0, 0, 'd', 1, x'01');");
        await using var second = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        await Assert.ThrowsAsync<SqliteException>(() => second.CommitAsync([Row("d", 1, [8])], CancellationToken.None));
        await Assert.ThrowsAsync<SqliteException>(() => second.CommitAsync([Row("a", 3, [8])], CancellationToken.None));
        await second.CommitAsync([Row("a", 4, [9]), Row("d", 2, [9]), Row("c", 1, [9])], CancellationToken.None);
        await second.MergeTailAsync(TailMove.All, CancellationToken.None);
        Assert.Equal(["a:1", "a:2", "a:3", "b:1", "d:1", "a:4", "d:2", "c:1"], Keys("journal"));
    }

    [Fact]
    public async Task Disposing_the_writer_moves_its_tail_and_rows_a_crash_left_there_are_moved_when_the_journal_starts()
    {
        CreateTable("journal");
        await using (var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal")))
            await writer.CommitAsync([Row("a", 1, [1])], CancellationToken.None);
        Assert.Equal(["a:1"], Keys("journal"));

        // A writer that never closed (the process was killed) leaves its rows in the tail.
        var crashed = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        await crashed.CommitAsync([Row("a", 2, [2]), Row("b", 1, [3])], CancellationToken.None);
        Assert.Equal(["a:2", "b:1"], TailKeys());

        Schema.Ensure(ConnectionString);
        Assert.Equal(["a:1", "a:2", "b:1"], Keys("journal"));
        Assert.Empty(TailKeys());
        await crashed.DisposeAsync();
        Assert.Equal(["a:1", "a:2", "b:1"], Keys("journal"));
    }

    [Fact]
    public async Task A_move_under_way_holds_no_commit_back()
    {
        CreateTable("journal");
        await using var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal"), moveAtRows: 2);
        await writer.CommitAsync([Row("a", 1, [1]), Row("a", 2, [2])], CancellationToken.None);
        await using var other = new SqliteConnection(ConnectionString);
        await other.OpenAsync();
        // BEGIN IMMEDIATE on the journal's file: the move, which writes the table there, waits until it commits.
        var holding = other.BeginTransaction(deferred: false);

        // Bounded so that a move on the commits' path fails the test rather than hanging it (SQLite waits 30 s).
        var bound = TimeSpan.FromSeconds(10);
        await writer.MergeTailAsync(TailMove.IfLong, CancellationToken.None).WaitAsync(bound);
        await writer.CommitAsync([Row("a", 3, [3]), Row("b", 1, [4])], CancellationToken.None).WaitAsync(bound);
        Assert.False(writer.Moving.IsCompleted);
        Assert.Empty(Keys("journal"));
        Assert.Equal(["a:1", "a:2", "a:3", "b:1"], TailKeys());

        holding.Commit();
        await writer.Moving;
        Assert.Equal(["a:1", "a:2"], Keys("journal"));
        Assert.Equal(["a:3", "b:1"], TailKeys());
        await writer.MergeTailAsync(TailMove.For("b"), CancellationToken.None);
        Assert.Equal(["a:1", "a:2", "a:3", "b:1"], Keys("journal"));
        Assert.Empty(TailKeys());
    }

    [Fact]
    public async Task Rows_a_crash_left_in_both_the_table_and_a_tail_file_between_a_moves_two_commits_are_there_once_after_the_next_start()
    {
        CreateTable("journal");
        var crashed = new SqliteJournalTableWriter(ConnectionString, Table("journal"));
        await crashed.CommitAsync([Row("a", 1, [1]), Row("b", 1, [2])], CancellationToken.None);
        // The move's first commit (the table's insert) without its second (the tail's emptying).
        JournalFileSql.Run(DatabasePath, $"ATTACH DATABASE '{JournalFileSql.TailPath(DatabasePath, 0)}' AS tail; " +
            "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) SELECT created, deleted, persistence_id, sequence_number, message FROM tail.journal_tail ORDER BY rowid; DETACH DATABASE tail;");
        Assert.Equal(["a:1", "b:1"], Keys("journal"));
        Assert.Equal(["a:1", "b:1"], TailKeys());

        Schema.Ensure(ConnectionString);
        Assert.Equal(["a:1", "b:1"], Keys("journal"));
        Assert.Empty(TailKeys());
        await crashed.DisposeAsync();
        Assert.Equal(["a:1", "b:1"], Keys("journal"));
    }

    [Fact]
    public async Task Rows_left_in_both_tail_files_are_moved_the_older_turn_first_and_commits_go_on_in_the_newer()
    {
        CreateTable("journal");
        // The file filled first (turn 5) holds b:1, the one filled after it (turn 6) a:1 and a:2.
        var files = new SqliteJournalTailFiles(ConnectionString, Table("journal"));
        for (var i = 0; i < SqliteJournalTailFiles.Count; i++) await (await files.OpenAsync(i, CancellationToken.None)).DisposeAsync();
        const string Insert = "INSERT INTO journal_tail (created, deleted, persistence_id, sequence_number, message) VALUES ";
        JournalFileSql.Run(JournalFileSql.TailPath(DatabasePath, 1), "UPDATE journal_tail_turn SET turn = 5; " + Insert + "(0, 0, 'b', 1, x'01');");
        JournalFileSql.Run(JournalFileSql.TailPath(DatabasePath, 0), "UPDATE journal_tail_turn SET turn = 6; " + Insert + "(0, 0, 'a', 1, x'02'), (0, 0, 'a', 2, x'03');");

        await using (var writer = new SqliteJournalTableWriter(ConnectionString, Table("journal")))
        {
            await Assert.ThrowsAsync<SqliteException>(() => writer.CommitAsync([Row("b", 1, [4])], CancellationToken.None));
            await writer.CommitAsync([Row("a", 3, [4])], CancellationToken.None);
            Assert.Equal(["b:1", "a:1", "a:2", "a:3"], TailKeys());
            // b's row is in the older file, which is moved on its own.
            await writer.MergeTailAsync(TailMove.For("b"), CancellationToken.None);
            Assert.Equal(["b:1"], Keys("journal"));
            Assert.Equal(["a:1", "a:2", "a:3"], TailKeys());
        }
        Assert.Equal(["b:1", "a:1", "a:2", "a:3"], Keys("journal"));

        // The same when the journal starts.
        JournalFileSql.Run(JournalFileSql.TailPath(DatabasePath, 0), "UPDATE journal_tail_turn SET turn = 9; " + Insert + "(0, 0, 'c', 2, x'05');");
        JournalFileSql.Run(JournalFileSql.TailPath(DatabasePath, 1), "UPDATE journal_tail_turn SET turn = 8; " + Insert + "(0, 0, 'c', 1, x'04');");
        Schema.Ensure(ConnectionString);
        Assert.Equal(["b:1", "a:1", "a:2", "a:3", "c:1", "c:2"], Keys("journal"));
        Assert.Empty(TailKeys());
    }

    [Fact]
    public void A_tail_an_earlier_version_kept_in_the_journals_own_file_is_moved_and_dropped_when_the_journal_starts()
    {
        CreateTable("journal");
        JournalFileSql.Run(DatabasePath, SqliteJournalTail.CreateSql(Table("journal")) +
            "INSERT INTO journal_tail (created, deleted, persistence_id, sequence_number, message) VALUES (0, 0, 'a', 1, x'01'), (0, 0, 'b', 1, x'02');");

        Schema.Ensure(ConnectionString);
        Assert.Equal(["a:1", "b:1"], Keys("journal"));
        Assert.Equal(0, JournalFileSql.Long(DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name = 'journal_tail';"));
        Schema.Ensure(ConnectionString);
        Assert.Equal(["a:1", "b:1"], Keys("journal"));
    }

    /// <summary>The node's schema (table, key and tail) under <paramref name="name"/>.</summary>
    private void CreateTable(string name)
    {
        SqliteJournalFile.EnableWriteAheadLog(DatabasePath);
        SchemaOf(name).Ensure(ConnectionString);
    }

    private static SqliteJournalSchema SchemaOf(string name) => new(Table(name), "ordering");

    private static SqliteJournalSchema Schema => SchemaOf("journal");

    private static JournalTable Table(string name) => new(null, name,
        new JournalColumns("deleted", "persistence_id", "sequence_number", "created", "tags", "message", "identifier", "manifest", "writer_uuid"),
        HasTags: true, HasWriterUuid: true);

    private static JournalRow Row(string persistenceId, long sequenceNr, byte[] message, int? identifier = 7301, string? writerUuid = "w",
        bool deleted = false, string tags = "", string manifest = "hb.assignment.v1") => new()
    {
        PersistenceId = persistenceId,
        SequenceNumber = sequenceNr,
        Timestamp = 638_000_000_000_000_000 + sequenceNr,
        Message = message,
        Identifier = identifier,
        WriterUuid = writerUuid,
        Deleted = deleted,
        Tags = tags,
        Manifest = manifest,
    };

    /// <summary>Every stored value with its SQLite storage class, in insertion order.</summary>
    private List<string> Dump(string table)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT ordering, quote(created), typeof(created), quote(deleted), typeof(deleted), quote(persistence_id),
                   typeof(persistence_id), quote(sequence_number), typeof(sequence_number), quote(message), typeof(message),
                   quote(tags), typeof(tags), quote(manifest), typeof(manifest), quote(identifier), typeof(identifier),
                   quote(writer_uuid), typeof(writer_uuid)
            FROM {table} ORDER BY ordering
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        return rows;
    }

    /// <summary>The keys in the table, in the order written.</summary>
    private List<string> Keys(string table) => KeysIn(DatabasePath, $"SELECT persistence_id || ':' || sequence_number FROM {table} ORDER BY ordering");

    /// <summary>The keys in the journal's tail files, in the order written (the older turn first).</summary>
    private List<string> TailKeys() => Enumerable.Range(0, SqliteJournalTailFiles.Count)
        .Select(i => JournalFileSql.TailPath(DatabasePath, i))
        .OrderBy(path => JournalFileSql.Long(path, "SELECT turn FROM journal_tail_turn;"))
        .SelectMany(path => KeysIn(path, "SELECT persistence_id || ':' || sequence_number FROM journal_tail ORDER BY rowid"))
        .ToList();

    /// <summary>The tail file filled last: where a writer's commits go on.</summary>
    private string NewestTailPath() => Enumerable.Range(0, SqliteJournalTailFiles.Count)
        .Select(i => JournalFileSql.TailPath(DatabasePath, i))
        .MaxBy(path => JournalFileSql.Long(path, "SELECT turn FROM journal_tail_turn;"))!;

    private static List<string> KeysIn(string path, string query)
    {
        using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
