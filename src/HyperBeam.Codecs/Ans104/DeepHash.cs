using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// Arweave's deep hash (<c>ar_deep_hash</c>, arweave-js <c>deepHash</c>), SHA-384 throughout:
/// a blob hashes as H(H("blob" + length) ‖ H(bytes)); a list starts from H("list" + count) and folds each item in
/// as acc = H(acc ‖ deepHash(item)). Lengths and counts are decimal ASCII.
/// </summary>
public static class DeepHash
{
    public const int HashBytes = 48;

    public static byte[] Hash(DeepHashItem item) => item switch
    {
        DeepHashItem.Blob blob => OfBlob(blob.Bytes.Span),
        DeepHashItem.List list => OfList(list.Items),
        _ => throw new ArgumentException("unknown deep hash item", nameof(item)),
    };

    public static byte[] OfBlob(ReadOnlySpan<byte> bytes)
    {
        Span<byte> pair = stackalloc byte[2 * HashBytes];
        SHA384.HashData(Tag("blob", bytes.Length), pair);
        SHA384.HashData(bytes, pair[HashBytes..]);
        return SHA384.HashData(pair);
    }

    public static byte[] OfList(IReadOnlyList<DeepHashItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pair = new byte[2 * HashBytes];
        var acc = SHA384.HashData(Tag("list", items.Count));
        foreach (var item in items)
        {
            acc.CopyTo(pair, 0);
            Hash(item).CopyTo(pair, HashBytes);
            acc = SHA384.HashData(pair);
        }
        return acc;
    }

    private static byte[] Tag(string kind, long length) =>
        Encoding.ASCII.GetBytes(kind + length.ToString(CultureInfo.InvariantCulture));
}
