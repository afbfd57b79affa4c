namespace HyperBeam.Storage;

/// <summary>A caller's batch waiting in the RocksDB store's write queue, and the task that tells it the outcome.</summary>
internal sealed class PendingBatch(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken)
{
    public IReadOnlyList<StoreOperation> Operations { get; } = operations;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
