using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence;

/// <summary>
/// Copies the journal's committed pages from the write-ahead log into the database file on its own connection and
/// thread, so the journal's writer rarely has to. SQLite checkpoints inside the connection whose commit took the log
/// past <c>wal_autocheckpoint</c> pages (1000 by default): the journal's one writer then copied ~1000 pages and
/// fsynced the database file before it could start its next transaction, 4–5 ms every ~60 commits, while every
/// entity's rows waited. The writer keeps that threshold, as the bound on the log's size (it is also what restarts
/// the log: only a checkpoint run between two of the writer's commits sees every frame copied); what it still copies
/// there are the few frames written since this one's last pass, and their fsync.
/// <para>
/// Durability is unchanged: a commit is durable once the log is synced, and a checkpoint only moves committed pages.
/// A pass runs after every so many of the writer's commits, chosen from the frames the last passes found (about
/// <see cref="FramesPerPass"/> frames a pass). A pass that fails (the file busy, a disk error) is skipped: the writer's
/// own checkpoint still bounds the log.
/// </para>
/// </summary>
public sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    /// <summary>About how many log frames one background pass copies (a quarter of SQLite's automatic threshold).</summary>
    public const int FramesPerPass = 250;

    private const int MaxCommitsPerPass = 256;

    private readonly string _connectionString;
    private readonly Channel<long> _signals = Channel.CreateBounded<long>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _passing = new();
    private readonly List<TaskCompletionSource> _waiters = [];
    private long _commits;
    private long _nextPassAt;
    private int _commitsPerPass = 16;
    private long _passes;

    public SqliteWalCheckpointer(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _connectionString = connectionString;
        _nextPassAt = _commitsPerPass;
        // Its own thread: a pass blocks in SQLite (copying and fsyncing) for milliseconds, which on the pool would hold
        // up the entities' work on a machine with few cores.
        _thread = new Thread(Run) { IsBackground = true, Name = "hb-wal-checkpointer" };
        _thread.Start();
    }

    /// <summary>Background passes that ran so far.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>The writer committed a transaction (called by the one writer, after each commit): may start a pass.</summary>
    public void Committed()
    {
        var commits = Interlocked.Increment(ref _commits);
        if (commits >= Volatile.Read(ref _nextPassAt)) _signals.Writer.TryWrite(commits);
    }

    /// <summary>Runs a pass now; completes once a pass that started after this call has ended (failed or not).</summary>
    public Task PassAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_passing) _waiters.Add(done);
        if (!_signals.Writer.TryWrite(Interlocked.Read(ref _commits)) && _stopped.Task.IsCompleted) done.TrySetResult();
        return done.Task;
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        long lastCommits = 0, lastFrames = 0;
        var reader = _signals.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                if (!reader.TryRead(out var commits)) continue;
                List<TaskCompletionSource> waiting;
                lock (_passing)
                {
                    waiting = [.. _waiters];
                    _waiters.Clear();
                }
                try
                {
                    connection ??= Open();
                    var frames = Checkpoint(connection);
                    Interlocked.Increment(ref _passes);
                    // Frames the log grew by since the last pass, per commit (when it was restarted in between, the
                    // estimate stays): how many commits make the next pass about FramesPerPass frames.
                    if (frames > lastFrames && commits > lastCommits)
                    {
                        var perCommit = (double)(frames - lastFrames) / (commits - lastCommits);
                        Volatile.Write(ref _commitsPerPass, (int)Math.Clamp(FramesPerPass / perCommit, 1, MaxCommitsPerPass));
                    }
                    lastCommits = commits;
                    lastFrames = frames;
                }
                catch (SqliteException)
                {
                    // Skipped: the writer's own checkpoint still bounds the log. A fresh connection next time.
                    connection?.Dispose();
                    connection = null;
                }
                foreach (var done in waiting) done.TrySetResult();
                Volatile.Write(ref _nextPassAt, Interlocked.Read(ref _commits) + Volatile.Read(ref _commitsPerPass));
            }
        }
        finally
        {
            connection?.Dispose();
            lock (_passing)
            {
                foreach (var done in _waiters) done.TrySetResult();
                _waiters.Clear();
            }
            _stopped.TrySetResult();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            SqliteJournalFile.WaitWhileBusyAsync(connection, CancellationToken.None).GetAwaiter().GetResult();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>One PASSIVE checkpoint (never waits for the writer or readers); returns the frames in the log.</summary>
    private static long Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    /// <summary>Finishes the pass under way, if any, and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _signals.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
    }
}
