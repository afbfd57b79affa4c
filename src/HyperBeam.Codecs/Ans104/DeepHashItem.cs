namespace HyperBeam.Codecs.Ans104;

/// <summary>What <see cref="DeepHash"/> hashes: a blob of bytes or a list of further items.</summary>
public abstract record DeepHashItem
{
    private DeepHashItem() { }

    public static implicit operator DeepHashItem(byte[] bytes) => new Blob(bytes);

    public static implicit operator DeepHashItem(ReadOnlyMemory<byte> bytes) => new Blob(bytes);

    public sealed record Blob(ReadOnlyMemory<byte> Bytes) : DeepHashItem;

    public sealed record List(IReadOnlyList<DeepHashItem> Items) : DeepHashItem;
}
