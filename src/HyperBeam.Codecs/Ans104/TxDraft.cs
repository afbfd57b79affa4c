namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// A data item under construction, like HyperBEAM's <c>#tx</c> record before <c>ar_bundles:normalize</c>: its data
/// is bytes, or a map of keys to further drafts that becomes a nested bundle.
/// </summary>
internal sealed class TxDraft
{
    public ReadOnlyMemory<byte>? Signature { get; set; }

    public ReadOnlyMemory<byte>? Owner { get; set; }

    public ReadOnlyMemory<byte> Target { get; set; }

    public ReadOnlyMemory<byte> Anchor { get; set; }

    public List<DataItemTag> Tags { get; set; } = [];

    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>A message given under the key <c>data</c>: it travels as the nested item <c>data</c>.</summary>
    public TxDraft? DataMessage { get; set; }

    /// <summary>Nested items by key, in key order (as Erlang iterates small maps); null for plain data.</summary>
    public SortedDictionary<string, TxDraft>? Items { get; set; }

    /// <summary>A binary that cannot be a tag travels as an item tagged <c>ao-type: binary</c>.</summary>
    public static TxDraft ForBinary(ReadOnlyMemory<byte> bytes) => new()
    {
        Tags = [DataItemTag.Of(Ans104Codec.AoTypeTag, "binary")],
        Data = bytes,
    };
}
