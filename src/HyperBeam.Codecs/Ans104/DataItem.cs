using System.Collections.Immutable;
using System.Security.Cryptography;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// An ANS-104 data item (bundled data v2). Unsigned items carry an all-zero signature and, until signed, an all-zero
/// owner, as HyperBEAM's <c>ar_bundles</c> creates them. Binary fields are read-only views; a deserialized item
/// shares the input buffer, so leave that buffer unchanged.
/// </summary>
public sealed record DataItem
{
    /// <summary>The placeholder signature of an unsigned item: 512 zero bytes.</summary>
    internal static readonly ReadOnlyMemory<byte> ZeroSignature = new byte[DataItemLimits.SignatureBytes];

    /// <summary>The placeholder owner of an unsigned item: 512 zero bytes.</summary>
    internal static readonly ReadOnlyMemory<byte> ZeroOwner = new byte[DataItemLimits.OwnerBytes];
    private readonly ImmutableArray<DataItemTag> _tags = [];

    public SignatureType SignatureType { get; init; } = SignatureType.Arweave;

    /// <summary>512 bytes; all zero while unsigned.</summary>
    public ReadOnlyMemory<byte> Signature { get; init; } = ZeroSignature;

    /// <summary>The signer's RSA modulus, 512 bytes; all zero while unsigned.</summary>
    public ReadOnlyMemory<byte> Owner { get; init; } = ZeroOwner;

    /// <summary>Empty (absent) or 32 bytes.</summary>
    public ReadOnlyMemory<byte> Target { get; init; }

    /// <summary>Empty (absent) or 32 bytes.</summary>
    public ReadOnlyMemory<byte> Anchor { get; init; }

    /// <summary>Tags in order; names may repeat.</summary>
    public ImmutableArray<DataItemTag> Tags
    {
        get => _tags;
        init => _tags = value.IsDefault ? [] : value;
    }

    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>An unsigned item (zero signature and owner).</summary>
    public static DataItem Create(ReadOnlyMemory<byte> data, IEnumerable<DataItemTag>? tags = null,
        ReadOnlyMemory<byte> target = default, ReadOnlyMemory<byte> anchor = default)
    {
        var item = new DataItem { Data = data, Tags = tags?.ToImmutableArray() ?? [], Target = target, Anchor = anchor };
        item.Validate();
        return item;
    }

    /// <summary>True when the signature is not the all-zero placeholder.</summary>
    public bool IsSigned => Signature.Span.IndexOfAnyExcept((byte)0) >= 0;

    /// <summary>SHA-256 of the signature, 32 bytes: the item's ID.</summary>
    public byte[] NativeId => SHA256.HashData(Signature.Span);

    /// <summary>The item's ID: base64url(SHA-256(signature)).</summary>
    public string Id => Base64Url.Encode(NativeId);

    /// <summary>
    /// HyperBEAM's unsigned ID: SHA-256 of the signature data computed with an all-zero owner, so it does not change
    /// when the item is signed. HyperBEAM's nested bundles index their items by it.
    /// </summary>
    public byte[] ComputeUnsignedNativeId() => SHA256.HashData((this with { Owner = ZeroOwner }).SignatureData());

    /// <inheritdoc cref="ComputeUnsignedNativeId"/>
    public string ComputeUnsignedId() => Base64Url.Encode(ComputeUnsignedNativeId());

    /// <summary>What the signature signs: the deep hash of "dataitem", "1", the signature type, owner, target, anchor, the Avro tags, data.</summary>
    public byte[] SignatureData()
    {
        Validate();
        return DeepHash.OfList(
        [
            "dataitem"u8.ToArray(),
            "1"u8.ToArray(),
            System.Text.Encoding.ASCII.GetBytes(((ushort)SignatureType).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Owner,
            Target,
            Anchor,
            AvroTags.Encode(Tags),
            Data,
        ]);
    }

    /// <summary>This item signed by <paramref name="wallet"/>: owner set to its modulus, signature over the new signature data.</summary>
    public DataItem Sign(Wallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var owned = this with { SignatureType = SignatureType.Arweave, Owner = wallet.PublicKey };
        return owned with { Signature = wallet.Sign(owned.SignatureData()) };
    }

    /// <summary>True when the item is well formed and its signature verifies against its owner (any PSS salt length).</summary>
    public bool Verify()
    {
        if (ValidationError() is not null) return false;
        return IsSigned && Wallet.Verify(Owner.Span, SignatureData(), Signature.Span);
    }

    /// <summary>The ANS-104 binary form.</summary>
    public byte[] Serialize() => DataItemSerializer.Serialize(this);

    /// <summary>Reads an item; anything malformed is a <see cref="CodecException"/>. The item keeps slices of <paramref name="bytes"/>.</summary>
    public static DataItem Deserialize(ReadOnlyMemory<byte> bytes) => DataItemSerializer.Deserialize(bytes);

    /// <summary>Throws a <see cref="CodecException"/> when a field breaks ANS-104's sizes or limits.</summary>
    public void Validate()
    {
        if (ValidationError() is { } error) throw new CodecException($"ans104 data item: {error}");
    }

    private string? ValidationError()
    {
        if (SignatureType != SignatureType.Arweave) return $"unsupported signature type {(ushort)SignatureType}";
        if (Signature.Length != DataItemLimits.SignatureBytes) return $"the signature is {Signature.Length} bytes, not {DataItemLimits.SignatureBytes}";
        if (Owner.Length != DataItemLimits.OwnerBytes) return $"the owner is {Owner.Length} bytes, not {DataItemLimits.OwnerBytes}";
        if (Target.Length is not (0 or DataItemLimits.TargetBytes)) return $"the target is {Target.Length} bytes; it must be absent or {DataItemLimits.TargetBytes}";
        if (Anchor.Length is not (0 or DataItemLimits.AnchorBytes)) return $"the anchor is {Anchor.Length} bytes; it must be absent or {DataItemLimits.AnchorBytes}";
        if (Tags.Length > DataItemLimits.MaxTags) return $"{Tags.Length} tags; at most {DataItemLimits.MaxTags} are allowed";
        for (var i = 0; i < Tags.Length; i++)
        {
            if (Tags[i].Name.Length > DataItemLimits.MaxTagNameBytes)
                return $"tag {i + 1}'s name is {Tags[i].Name.Length} bytes; at most {DataItemLimits.MaxTagNameBytes} are allowed";
            if (Tags[i].Value.Length > DataItemLimits.MaxTagValueBytes)
                return $"tag {i + 1} ('{Tags[i].NameText}') has a {Tags[i].Value.Length}-byte value; at most {DataItemLimits.MaxTagValueBytes} are allowed";
        }
        return null;
    }

    public bool Equals(DataItem? other) =>
        other is not null
        && SignatureType == other.SignatureType
        && Signature.Span.SequenceEqual(other.Signature.Span)
        && Owner.Span.SequenceEqual(other.Owner.Span)
        && Target.Span.SequenceEqual(other.Target.Span)
        && Anchor.Span.SequenceEqual(other.Anchor.Span)
        && Tags.SequenceEqual(other.Tags)
        && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SignatureType);
        hash.AddBytes(Signature.Span);
        hash.Add(Tags.Length);
        hash.AddBytes(Data.Span);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"DataItem {(IsSigned ? Id : "(unsigned)")}: {Tags.Length} tags, {Data.Length} bytes of data";
}
