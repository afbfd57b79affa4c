using HyperBeam.Storage;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>A memory store whose writes wait until <see cref="Open"/> is called: results that are not yet stored.</summary>
internal sealed class GatedStore : IStore
{
    private readonly MemoryStore _inner = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    /// <summary>Writes asked for (waiting or done).</summary>
    public int Writes => Volatile.Read(ref _writes);

    public void Open() => _open.TrySetResult();

    public string Name => "gated";

    public StoreScope Scope => _inner.Scope;

    public bool IsWritable => true;

    public ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default) => _inner.ReadAsync(path, cancellationToken);

    public ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        AfterOpenAsync(() => _inner.WriteAsync(path, value, cancellationToken), cancellationToken);

    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default) =>
        AfterOpenAsync(() => _inner.MakeGroupAsync(path, cancellationToken), cancellationToken);

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) =>
        AfterOpenAsync(() => _inner.MakeLinkAsync(existing, link, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default) => _inner.ListAsync(path, cancellationToken);

    public ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default) => _inner.TypeAsync(path, cancellationToken);

    public ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default) => _inner.ResolveAsync(path, cancellationToken);

    public ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default) =>
        AfterOpenAsync(() => _inner.ApplyAsync(batch, cancellationToken), cancellationToken);

    private async ValueTask AfterOpenAsync(Func<ValueTask> write, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await write().ConfigureAwait(false);
    }

    public ValueTask ResetAsync(CancellationToken cancellationToken = default) => _inner.ResetAsync(cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
