namespace HyperBeam.Storage;

/// <summary>One mutation inside a <see cref="StoreBatch"/>.</summary>
public abstract record StoreOperation
{
    private protected StoreOperation() { }

    /// <summary>Writes <see cref="Value"/> at <see cref="Path"/>.</summary>
    public sealed record Write(StorePath Path, ReadOnlyMemory<byte> Value) : StoreOperation;

    /// <summary>Makes a group at <see cref="Path"/>.</summary>
    public sealed record MakeGroup(StorePath Path) : StoreOperation;

    /// <summary>Makes <see cref="Link"/> point at <see cref="Existing"/>.</summary>
    public sealed record MakeLink(StorePath Existing, StorePath Link) : StoreOperation;
}
