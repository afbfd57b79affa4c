using HyperBeam.Storage;

namespace HyperBeam.Cluster.Storage.Protocol;

public enum StoreChangeKind
{
    Write,
    MakeGroup,
    MakeLink,
}

/// <summary>
/// One store mutation in a form that crosses nodes: <see cref="StoreOperation"/> with plain strings and bytes.
/// <see cref="Path"/> is where it lands (the link itself for <see cref="StoreChangeKind.MakeLink"/>).
/// </summary>
public sealed record StoreChange(StoreChangeKind Kind, string Path, byte[]? Value = null, string? Target = null)
{
    public static StoreChange From(StoreOperation operation) => operation switch
    {
        StoreOperation.Write w => new StoreChange(StoreChangeKind.Write, w.Path.ToString(), w.Value.ToArray()),
        StoreOperation.MakeGroup g => new StoreChange(StoreChangeKind.MakeGroup, g.Path.ToString()),
        StoreOperation.MakeLink l => new StoreChange(StoreChangeKind.MakeLink, l.Link.ToString(), Target: l.Existing.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown store operation"),
    };

    public void AddTo(StoreBatch batch)
    {
        switch (Kind)
        {
            case StoreChangeKind.Write:
                batch.Write(StorePath.Parse(Path), Value ?? []);
                break;
            case StoreChangeKind.MakeGroup:
                batch.MakeGroup(StorePath.Parse(Path));
                break;
            case StoreChangeKind.MakeLink:
                batch.MakeLink(StorePath.Parse(Target ?? throw new InvalidOperationException($"link at '{Path}' has no target")), StorePath.Parse(Path));
                break;
        }
    }

    public static StoreBatch ToBatch(IEnumerable<StoreChange> changes)
    {
        var batch = new StoreBatch();
        foreach (var change in changes) change.AddTo(batch);
        return batch;
    }
}
