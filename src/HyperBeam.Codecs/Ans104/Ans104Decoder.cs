using HyperBeam.Core.Codecs;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// Data item → TABM, as HyperBEAM's <c>dev_codec_ans104:from/1</c>: tags become keys (normalised; repeated names
/// collect into a list), the record fields <c>id</c>, <c>last_tx</c>, <c>owner</c>, <c>target</c>, <c>signature</c>
/// are added (a tag of the same name wins), data goes under <c>data</c> or, for a HyperBEAM nested bundle, its items
/// under their manifest keys. A signed item's owner and signature move into an <c>ans104@1.0</c> commitment keyed by
/// the item's ID; tag names that are not in normal form are recorded there as <c>original-tags</c>.
/// </summary>
internal static class Ans104Decoder
{
    /// <summary>Nested bundles deeper than this are refused rather than risking the stack on hostile input.</summary>
    public const int MaxDepth = 64;

    public static Message Decode(DataItem item, DecodeLimits limits) => Decode(item, limits, keepAllTags: false);

    /// <summary>
    /// With <paramref name="keepAllTags"/>, a signed item records its whole tag list as <c>original-tags</c> even
    /// when the names are normal: for items whose order, repeated names or long values the encoder would not
    /// reproduce from the keys alone.
    /// </summary>
    public static Message Decode(DataItem item, DecodeLimits limits, bool keepAllTags) =>
        DecodeValue(item, 0, limits, keepAllTags) as Message
        ?? throw new CodecException("ans104: the item is a bare binary (tagged ao-type: binary), not a message");

    private static AoValue DecodeValue(DataItem item, int depth, DecodeLimits limits, bool keepAllTags = false)
    {
        if (depth > MaxDepth) throw new CodecException($"ans104: nested bundles deeper than {MaxDepth} levels");
        if (FirstTagValue(item, Ans104Codec.AoTypeTag) is { } aoType)
        {
            return aoType.SequenceEqual("binary"u8)
                ? new AoBinary(item.Data.ToArray())
                : throw new CodecException($"ans104: unsupported ao-type tag value '{System.Text.Encoding.UTF8.GetString(aoType)}'");
        }
        return DecodeMessage(item, depth, limits, keepAllTags);
    }

    private static Message DecodeMessage(DataItem item, int depth, DecodeLimits limits, bool keepAllTags)
    {
        var signed = !item.Signature.Span.SequenceEqual(DataItem.ZeroSignature.Span);
        var builder = limits.NewMessage();

        // Data first: record fields and tags are merged over it, so they win a clash (as HyperBEAM's maps:merge).
        var extraTags = new List<DataItemTag>();
        if (IsHyperBeamBundle(item))
        {
            foreach (var (key, value) in Unbundle(item, depth, extraTags, limits)) builder.Set(key, value);
        }
        else if (!item.Data.IsEmpty)
        {
            builder.Set(TxFields.Data, new AoBinary(item.Data.ToArray()));
        }

        builder.Set(TxFields.Id, new AoBinary(signed ? item.NativeId : new byte[32]));
        builder.Set(TxFields.Anchor, new AoBinary(item.Anchor.ToArray()));
        builder.Set(TxFields.Owner, new AoBinary(item.Owner.ToArray()));
        builder.Set(TxFields.Target, new AoBinary(item.Target.ToArray()));
        builder.Set(TxFields.Signature, new AoBinary(item.Signature.ToArray()));
        var tags = extraTags.Count == 0 ? item.Tags.ToList() : [.. item.Tags, .. extraTags];
        foreach (var (key, value) in TagDeduplication.Apply(tags)) builder.Set(key, value);

        var normal = TagDeduplication.AreNormal(tags) && !(keepAllTags && signed);
        if (!signed)
        {
            if (!normal)
            {
                // HyperBEAM keys this commitment by the record's id, which is all zeros for an unsigned item.
                builder.Set(MessageIds.CommitmentsKey, Message.Empty.Set(Base64Url.Encode(new byte[32]),
                    Message.Of(
                        (Ans104Codec.CommitmentDeviceKey, Ans104Codec.DeviceName),
                        (Ans104Codec.AlgKey, Ans104Codec.UnsignedAlg),
                        (Ans104Codec.OriginalTagsKey, OriginalTagMap(tags)))));
            }
        }
        else
        {
            foreach (var key in new[] { TxFields.Id, TxFields.Owner, TxFields.Signature, Ans104Codec.CommitmentDeviceKey,
                         Ans104Codec.CommitterKey, Ans104Codec.AlgKey, Ans104Codec.OriginalTagsKey })
                builder.Remove(key);
            var commitment = Message.Of(
                (Ans104Codec.CommitmentDeviceKey, Ans104Codec.DeviceName),
                (Ans104Codec.AlgKey, Ans104Codec.SignedAlg),
                (Ans104Codec.CommitterKey, Wallet.AddressOf(item.Owner.Span)),
                (TxFields.Owner, item.Owner.ToArray()),
                (TxFields.Signature, item.Signature.ToArray()));
            if (!normal) commitment = commitment.Set(Ans104Codec.OriginalTagsKey, OriginalTagMap(keepAllTags ? item.Tags : tags));
            builder.Set(MessageIds.CommitmentsKey, Message.Empty.Set(item.Id, commitment));
        }

        foreach (var key in TxFields.BundleTags) builder.Remove(key);
        return builder.Build();
    }

    /// <summary>HyperBEAM unbundles when the first <c>bundle-format</c> tag is <c>binary</c> and the first <c>bundle-version</c> is <c>2.0.0</c>.</summary>
    private static bool IsHyperBeamBundle(DataItem item) =>
        FirstTagValue(item, "bundle-format") is { } format && format.SequenceEqual("binary"u8)
        && FirstTagValue(item, "bundle-version") is { } version && version.SequenceEqual("2.0.0"u8);

    private static List<(string Key, AoValue Value)> Unbundle(DataItem item, int depth, List<DataItemTag> extraTags, DecodeLimits limits)
    {
        if (item.Data.IsEmpty) throw new CodecException("ans104: the item is tagged as a bundle but its data is detached (empty)");
        var entries = Bundle.Deserialize(item.Data, BundleFormat.HyperBeam);
        limits.Count(entries.Count);

        if (FirstTagValue(item, "bundle-map") is not { } mapId)
        {
            // A bundle without a manifest is a list; HyperBEAM numbers it 1..n and tags it map-format: list.
            extraTags.Add(DataItemTag.Of("map-format", "list"));
            return entries.Select((e, i) => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), DecodeValue(e.Item, depth + 1, limits))).ToList();
        }

        var byUnsignedId = new Dictionary<string, DataItem>(StringComparer.Ordinal);
        foreach (var entry in entries) byUnsignedId.TryAdd(entry.Item.ComputeUnsignedId(), entry.Item);

        var manifestId = System.Text.Encoding.UTF8.GetString(mapId);
        if (!byUnsignedId.TryGetValue(manifestId, out var manifest))
            throw new CodecException($"ans104: the bundle-map manifest {manifestId} is not in the bundle");
        var result = new List<(string, AoValue)>();
        foreach (var (key, id) in ManifestJson.Parse(manifest.Data))
        {
            if (!byUnsignedId.TryGetValue(id, out var child))
                throw new CodecException($"ans104: the manifest maps '{key}' to {id}, which is not in the bundle");
            limits.Count(result.Count + 1);
            result.Add((key, DecodeValue(child, depth + 1, limits)));
        }
        return result;
    }

    /// <summary><c>original-tags</c>: the tags as they were, <c>{1: {name, value}, 2: …}</c>.</summary>
    private static Message OriginalTagMap(IReadOnlyList<DataItemTag> tags)
    {
        var builder = new MessageBuilder();
        for (var i = 0; i < tags.Count; i++)
            builder.Set((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Message.Of(("name", tags[i].Name.ToArray()), ("value", tags[i].Value.ToArray())));
        return builder.Build();
    }

    private static byte[]? FirstTagValue(DataItem item, string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        foreach (var tag in item.Tags)
            if (tag.Name.Span.SequenceEqual(bytes)) return tag.Value.ToArray();
        return null;
    }
}
