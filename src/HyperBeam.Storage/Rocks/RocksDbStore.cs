using System.Collections.Concurrent;
using System.Text;
using RocksDbSharp;

namespace HyperBeam.Storage;

/// <summary>
/// The default durable store, over RocksDB (as HyperBEAM's <c>hb_store_rocksdb</c>). Entries are tagged values
/// (<see cref="RocksEntry"/>); groups are listed by key prefix.
/// <para>
/// Writes are group-committed: each caller queues its batch and takes the commit lock; whoever holds it commits
/// everything queued (up to <see cref="MaxCommitGroup"/> batches) in a single RocksDB write, on its own thread.
/// Alone, a writer commits its own batch at once, with no hand-off to another thread; under contention,
/// writers share the cost of a write. Each caller's <see cref="StoreBatch"/> is atomic, and since one lock
/// holder plans every mutation, checks such as "is the parent a group" cannot race each other.
/// </para>
/// <para>
/// Reads are synchronous RocksDB calls behind the async signatures (RocksDB has no async API); a gate makes
/// <see cref="DisposeAsync"/> wait for calls in flight, so a disposed store fails cleanly instead of crashing
/// in native code.
/// </para>
/// </summary>
public sealed class RocksDbStore : LinkedStore
{
    /// <summary>
    /// One memtable's size before RocksDB switches to a fresh one and flushes it (RocksDB's default is 64 MiB). The
    /// store is a cache that every resolution writes to: with the default, memtables filled for minutes and the
    /// node's RSS grew with them as if it leaked. 8 MiB flushes more often, in smaller files.
    /// </summary>
    public const long WriteBufferBytes = 8L * 1024 * 1024;

    /// <summary>Memtables at most: the one written and one being flushed.</summary>
    public const int MaxWriteBuffers = 2;

    /// <summary>The most the memtables may hold: every buffer full, and one arena block of slack per buffer.</summary>
    public const long MaxMemTableBytes = (MaxWriteBuffers + 1) * WriteBufferBytes;

    /// <summary>Most caller batches committed in one RocksDB write.</summary>
    public const int MaxCommitGroup = 256;

    private readonly string _folder;
    private readonly WriteOptions _writeOptions;
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private readonly ConcurrentQueue<PendingBatch> _queue = new();
    private readonly SemaphoreSlim _commitLock = new(1, 1);
    private RocksDb _db;
    private bool _closed;

    /// <param name="folder">The database folder; created (with its parents) when missing.</param>
    /// <param name="syncWrites">
    /// Sync RocksDB's write-ahead log on every commit. Off by default: each commit is still atomic and survives a
    /// process crash; only a power cut can lose the last commits.
    /// </param>
    public RocksDbStore(string folder, bool syncWrites = false, int maxLinkDepth = DefaultMaxLinkDepth)
        : base("rocksdb:" + Path.GetFullPath(folder), maxLinkDepth)
    {
        _folder = Path.GetFullPath(folder);
        _writeOptions = new WriteOptions().SetSync(syncWrites);
        _db = Open();
    }

    public string Folder => _folder;

    /// <summary>Bytes in RocksDB's memtables now (<c>rocksdb.cur-size-all-mem-tables</c>).</summary>
    public long MemTableBytes
    {
        get
        {
            EnterRead();
            try
            {
                return long.TryParse(_db.GetProperty("rocksdb.cur-size-all-mem-tables"), out var bytes) ? bytes : 0;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    /// <summary>RocksDB writes done so far; fewer than the batches applied when concurrent writers share commits.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private long _commits;

    internal override StoreNode Peek(StorePath path)
    {
        EnterRead();
        try
        {
            return PeekDatabase(path);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private protected override ValueTask<byte[]?> ReadResolvedAsync(StorePath resolved, CancellationToken cancellationToken)
    {
        EnterRead();
        try
        {
            var (found, tag, payload) = Guard(resolved, () => _db.Get(RocksEntry.Key(resolved), RocksEntry.ValueReader.Instance, null, null));
            if (!found || tag is RocksEntry.GroupTag or RocksEntry.LinkTag) return ValueTask.FromResult<byte[]?>(null);
            if (tag != RocksEntry.ValueTag) throw Corrupt(resolved, tag);
            return ValueTask.FromResult(payload);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private protected override IReadOnlyList<string> ListResolved(StorePath resolved)
    {
        EnterRead();
        try
        {
            return Guard(resolved, () => ListChildren(resolved));
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private protected override async ValueTask ApplyCoreAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken)
    {
        var pending = new PendingBatch(operations, cancellationToken);
        _queue.Enqueue(pending);
        // Not cancellable: once queued, the batch is committed by whoever holds the lock, so waiting for the lock
        // is waiting for the commit. Uncontended, this completes at once.
        await _commitLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // The previous holder may already have committed this batch along with its own.
            while (!pending.Completion.Task.IsCompleted && !_queue.IsEmpty) CommitQueued();
        }
        finally
        {
            _commitLock.Release();
        }
        await pending.Completion.Task.ConfigureAwait(false);
    }

    private protected override ValueTask ResetCoreAsync(CancellationToken cancellationToken)
    {
        _gate.EnterWriteLock();
        try
        {
            if (_closed) ThrowIfDisposed();
            _db.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _db = Open();
                throw new StoreException(Name, null, StoreErrorKind.Io, "cannot delete the database folder", e);
            }
            _db = Open();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
        return ValueTask.CompletedTask;
    }

    private protected override async ValueTask DisposeCoreAsync()
    {
        // Batches queued before disposal are still committed; callers arriving later find the store closed.
        await _commitLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (!_queue.IsEmpty) CommitQueued();
            _gate.EnterWriteLock();
            try
            {
                _closed = true;
                _db.Dispose();
            }
            finally
            {
                _gate.ExitWriteLock();
            }
        }
        finally
        {
            _commitLock.Release();
        }
    }

    private RocksDb Open()
    {
        try
        {
            Directory.CreateDirectory(_folder);
            var options = new DbOptions().SetCreateIfMissing(true)
                .SetWriteBufferSize((ulong)WriteBufferBytes)
                .SetMaxWriteBufferNumber(MaxWriteBuffers);
            return RocksDb.Open(options, _folder);
        }
        catch (Exception e) when (e is RocksDbException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException(Name, null, StoreErrorKind.Io, $"cannot open the database in '{_folder}'", e);
        }
    }

    private void EnterRead()
    {
        ThrowIfDisposed();
        _gate.EnterReadLock();
        if (_closed)
        {
            _gate.ExitReadLock();
            ThrowIfDisposed();
        }
    }

    private StoreNode PeekDatabase(StorePath path)
    {
        var raw = Guard(path, () => _db.Get(RocksEntry.Key(path), RocksEntry.RawReader.Instance, null, null));
        if (!raw.Found) return StoreNode.Missing;
        switch (raw.Tag)
        {
            case RocksEntry.ValueTag: return StoreNode.Value;
            case RocksEntry.GroupTag: return StoreNode.Group;
            case RocksEntry.LinkTag:
                return StorePath.TryParse(raw.LinkText!, out var target)
                    ? StoreNode.LinkTo(target!)
                    : throw new StoreException(Name, path, StoreErrorKind.Corrupt, $"the link's target '{raw.LinkText}' is not a store path");
            default: throw Corrupt(path, raw.Tag);
        }
    }

    /// <summary>
    /// Children are the keys under <c>path/</c>, cut at their next <c>/</c>. After a child with descendants the
    /// iterator jumps past its whole subtree (<c>child/</c> … <c>child0</c>, as <c>0</c> follows <c>/</c>), so
    /// a listing costs one seek per child, however deep the tree below.
    /// </summary>
    private List<string> ListChildren(StorePath path)
    {
        var prefix = Encoding.UTF8.GetBytes(path + "/");
        var upper = (byte[])prefix.Clone();
        upper[^1] = (byte)'0';
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var readOptions = new ReadOptions().SetIterateUpperBound(upper);
        using var iterator = _db.NewIterator(null, readOptions);
        iterator.Seek(prefix);
        while (iterator.Valid())
        {
            var rest = iterator.GetKeySpan()[prefix.Length..];
            var slash = rest.IndexOf((byte)'/');
            var name = Encoding.UTF8.GetString(slash < 0 ? rest : rest[..slash]);
            if (seen.Add(name)) names.Add(name);
            if (slash < 0)
            {
                iterator.Next();
            }
            else
            {
                var skipTo = new byte[prefix.Length + slash + 1];
                prefix.CopyTo(skipTo, 0);
                rest[..slash].CopyTo(skipTo.AsSpan(prefix.Length));
                skipTo[^1] = (byte)'0';
                iterator.Seek(skipTo);
            }
        }
        return names;
    }

    /// <summary>Takes up to <see cref="MaxCommitGroup"/> queued batches and commits them; called with the commit lock held.</summary>
    private void CommitQueued()
    {
        var group = new List<PendingBatch>(Math.Min(_queue.Count, MaxCommitGroup));
        while (group.Count < MaxCommitGroup && _queue.TryDequeue(out var pending)) group.Add(pending);
        try
        {
            Commit(group);
        }
        catch (Exception e)
        {
            // Whatever went wrong, no caller may be left waiting.
            foreach (var pending in group) pending.Completion.TrySetException(e);
        }
    }

    /// <summary>Plans every batch of the group over one overlay and commits the accepted ones in one write.</summary>
    private void Commit(List<PendingBatch> group)
    {
        _gate.EnterReadLock();
        try
        {
            if (_closed)
            {
                foreach (var pending in group) pending.Completion.TrySetException(
                        new ObjectDisposedException(Name, $"The store {Name} has been disposed; open a new one to use it again."));
                return;
            }
            var overlay = new BatchOverlay(PeekDatabase);
            using var writeBatch = new WriteBatch();
            var accepted = new List<PendingBatch>(group.Count);
            foreach (var pending in group)
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }
                overlay.Begin();
                writeBatch.SetSavePoint();
                try
                {
                    foreach (var operation in pending.Operations)
                        if (Plan(operation, overlay) is { } plan) Stage(plan, overlay, writeBatch);
                    writeBatch.PopSavePoint();
                    accepted.Add(pending);
                }
                catch (Exception e)
                {
                    // Only this caller's batch is dropped; the others in the group go ahead.
                    writeBatch.RollbackToSavePoint();
                    overlay.Rollback();
                    pending.Completion.TrySetException(e);
                }
            }
            if (accepted.Count == 0) return;
            try
            {
                _db.Write(writeBatch, _writeOptions);
                Interlocked.Increment(ref _commits);
                foreach (var pending in accepted) pending.Completion.TrySetResult();
            }
            catch (RocksDbException e)
            {
                var error = new StoreException(Name, null, StoreErrorKind.Io, "the write to RocksDB failed", e);
                foreach (var pending in accepted) pending.Completion.TrySetException(error);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private void Stage(PlannedOperation plan, BatchOverlay overlay, WriteBatch writeBatch)
    {
        void PutGroup(StorePath path)
        {
            writeBatch.Put(RocksEntry.Key(path), RocksEntry.GroupBytes);
            overlay.Set(path, StoreNode.Group);
        }

        if (plan.Target.Parent is { } parent) OperationPlanner.EnsureGroups(overlay, parent, PutGroup, Name);
        switch (plan.Kind)
        {
            case PlannedKind.Group:
                OperationPlanner.EnsureGroups(overlay, plan.Target, PutGroup, Name);
                break;
            case PlannedKind.Value:
                // Tag and value go in as two slices: no copy of the value to prepend the tag.
                writeBatch.PutVector(RocksEntry.Key(plan.Target), [RocksEntry.ValueTagBytes, plan.Value]);
                overlay.Set(plan.Target, StoreNode.Value);
                break;
            case PlannedKind.Link:
                writeBatch.Put(RocksEntry.Key(plan.Target), RocksEntry.Link(plan.LinkTarget!));
                overlay.Set(plan.Target, StoreNode.LinkTo(plan.LinkTarget!));
                break;
        }
    }

    private T Guard<T>(StorePath path, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (RocksDbException e)
        {
            throw new StoreException(Name, path, StoreErrorKind.Io, "RocksDB failed", e);
        }
    }

    private StoreException Corrupt(StorePath path, byte tag) =>
        new(Name, path, StoreErrorKind.Corrupt, $"the entry has the unknown tag {tag} (expected 1 link, 2 value or 3 group)");
}
