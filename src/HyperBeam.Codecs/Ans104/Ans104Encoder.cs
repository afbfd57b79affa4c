using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// TABM → data item, as HyperBEAM's <c>dev_codec_ans104:to/1</c> followed by <c>ar_bundles:normalize/1</c>:
/// record fields (<c>target</c>, <c>last_tx</c>, <c>owner</c>, <c>signature</c>, <c>data</c>) go to the item's
/// fields; text values of at most 128 bytes become tags in key order; every other value (nested messages, longer
/// or non-UTF-8 binaries) becomes a nested item in a big-endian bundle indexed by a JSON bundle-map manifest.
/// A single commitment's owner, signature and original-tags are merged back, so a signed message re-encodes to its
/// signed item.
/// </summary>
internal static class Ans104Encoder
{
    /// <summary>Values longer than this travel as nested items rather than tags (HyperBEAM's MAX_TAG_VAL).</summary>
    public const int MaxTagValueBytes = 128;

    private static readonly DataItemTag BundleFormatTag = DataItemTag.Of("bundle-format", "binary");
    private static readonly DataItemTag BundleVersionTag = DataItemTag.Of("bundle-version", "2.0.0");

    public static DataItem Encode(Message tabm) => Build(Draft(tabm), "message");

    private static TxDraft Draft(Message raw)
    {
        var tabm = MergeCommitment(raw);
        var originalTags = OriginalTags(tabm.Get(Ans104Codec.OriginalTagsKey));
        tabm = tabm.Remove(Ans104Codec.OriginalTagsKey);

        // The original tags are the item's tag list as it was signed, whatever its order, case, repeated names or
        // value lengths: the keys they stand for are not encoded again (nor the ao-types the structured codec derives
        // for them). Whether they still say what the message says is checked on the whole item by Ans104Codec.ToItem.
        var covered = originalTags.Count == 0 ? null : CoveredKeys(originalTags);
        var draft = new TxDraft();
        var tags = new List<DataItemTag>();
        var items = new SortedDictionary<string, TxDraft>(MessageKeys.Order);
        foreach (var (key, value) in tabm.Entries)
        {
            if (TxFields.Consumed.Contains(key))
            {
                SetField(draft, key, value);
                continue;
            }
            if (covered is not null && covered.Contains(key)) continue;
            switch (value)
            {
                case AoBinary b when b.Length <= MaxTagValueBytes && ErlangUtf8.IsTagText(b.Span):
                    tags.Add(new DataItemTag(Encoding.UTF8.GetBytes(key), b.Memory));
                    break;
                case AoBinary b:
                    items[key] = TxDraft.ForBinary(b.Memory);
                    break;
                case Message nested:
                    items[key] = Draft(nested);
                    break;
                default:
                    throw new CodecException($"ans104: '{key}' holds a {value.TypeName}; a TABM holds only binaries and messages");
            }
        }
        draft.Tags = [.. originalTags, .. tags];

        if (draft.DataMessage is { } dataMessage)
        {
            items[TxFields.Data] = dataMessage;
            draft.Items = items;
        }
        else if (items.Count > 0)
        {
            if (!draft.Data.IsEmpty) items[TxFields.Data] = TxDraft.ForBinary(draft.Data);
            draft.Data = ReadOnlyMemory<byte>.Empty;
            draft.Items = items;
        }
        return draft;
    }

    /// <summary>With one commitment, its fields (owner, signature, original-tags, …) rejoin the message.</summary>
    private static Message MergeCommitment(Message raw)
    {
        if (raw.Get(MessageIds.CommitmentsKey) is not { } value) return raw;
        var tabm = raw.Remove(MessageIds.CommitmentsKey);
        if (value is not Message commitments) throw new CodecException("ans104: 'commitments' is not a message");
        if (commitments.Count > 1) throw new CodecException("ans104: a data item carries one signature; this message has several commitments");
        if (commitments.Count == 0) return tabm;
        if (commitments.Entries[0].Value is not Message commitment) throw new CodecException("ans104: a commitment is not a message");
        foreach (var (key, field) in commitment.Entries)
            if (key is not (Ans104Codec.CommitmentDeviceKey or Ans104Codec.CommitterKey or Ans104Codec.AlgKey or Ans104Codec.CommittedKey))
                tabm = tabm.Set(key, field);
        return tabm;
    }

    private static void SetField(TxDraft draft, string key, AoValue value)
    {
        if (key == TxFields.Data && value is Message dataMessage)
        {
            draft.DataMessage = Draft(dataMessage);
            return;
        }
        if (key == TxFields.Tags)
            throw new CodecException("ans104: the key 'tags' cannot be encoded; ar_bundles keeps the item's tag list under that name");
        if (value is not AoBinary binary)
            throw new CodecException($"ans104: '{key}' is a data item field and must be bytes, not a {value.TypeName}");

        var bytes = TxFields.BinaryDefaults.Contains(key) ? NativeIdOrSelf(binary) : binary.Memory;
        switch (key)
        {
            case TxFields.Anchor: draft.Anchor = bytes; break;
            case TxFields.Owner: draft.Owner = bytes; break;
            case TxFields.Target: draft.Target = bytes; break;
            case TxFields.Signature: draft.Signature = bytes; break;
            case TxFields.Data: draft.Data = bytes; break;
            default: break; // format, id, unsigned_id: taken by the record and never serialized (HyperBEAM drops them too)
        }
    }

    /// <summary>HyperBEAM reads a 43-character value of an ID-like field as base64url (keeping it if that fails).</summary>
    private static ReadOnlyMemory<byte> NativeIdOrSelf(AoBinary value) =>
        value.Length == 43 && Base64Url.TryDecode(value.Text, out var native) && native.Length == 32 ? native : value.Memory;

    /// <summary>The <c>original-tags</c> map <c>{1: {name, value}, …}</c> as an ordered tag list.</summary>
    private static List<DataItemTag> OriginalTags(AoValue? value)
    {
        if (value is null) return [];
        if (value is not Message map) throw new CodecException("ans104: original-tags is not a message");
        var tags = new DataItemTag[map.Count];
        foreach (var (key, entry) in map.Entries)
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || n > tags.Length)
                throw new CodecException($"ans104: original-tags has the key '{key}'; it needs the keys 1..{tags.Length}");
            // Entries went through the structured codec like everything else: an empty value is typed, not present.
            var tag = entry is Message m ? StructuredCodec.FromTabm(m) : throw new CodecException($"ans104: original-tags entry {key} is not a message");
            if (tag.Get("name") is not AoBinary name || (tag.Get("value") ?? AoBinary.Empty) is not AoBinary text)
                throw new CodecException($"ans104: original-tags entry {key} needs a binary name and value");
            tags[n - 1] = new DataItemTag(name.Memory, text.Memory);
        }
        return [.. tags];
    }

    /// <summary>The message keys that original tags stand for: their normalised names, and the ao-types derived from them.</summary>
    private static HashSet<string> CoveredKeys(List<DataItemTag> originalTags)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { AoTypeNames.AoTypesKey };
        foreach (var tag in originalTags) keys.Add(MessageKeys.Normalize(TagDeduplication.NameText(tag.Name.Span)));
        return keys;
    }

    private static DataItem Build(TxDraft draft, string path)
    {
        var tags = draft.Tags;
        var data = draft.Data;
        if (draft.Items is { } items)
        {
            var children = items.Select(kv => (kv.Key, Item: Build(kv.Value, $"{path}/{kv.Key}"))).ToList();
            var ids = children.Select(c => c.Item.ComputeUnsignedNativeId()).ToList();
            var manifest = DataItem.Create(
                ManifestJson.Encode(children.Select((c, i) => (c.Key, Base64Url.Encode(ids[i])))),
                [DataItemTag.Of("data-protocol", "bundle-map"), DataItemTag.Of("variant", "0.0.1")]);
            var manifestId = manifest.ComputeUnsignedNativeId();

            var entries = new List<BundleEntry> { new(manifestId, manifest) };
            entries.AddRange(children.Select((c, i) => new BundleEntry(ids[i], c.Item)));
            data = Bundle.Serialize(entries, BundleFormat.HyperBeam);
            tags = WithManifestTag(WithBundleTags(tags), Base64Url.Encode(manifestId));
        }

        var item = new DataItem
        {
            Signature = draft.Signature ?? DataItem.ZeroSignature,
            Owner = draft.Owner ?? DataItem.ZeroOwner,
            Target = draft.Target,
            Anchor = draft.Anchor,
            Tags = [.. tags],
            Data = data,
        };
        try
        {
            item.Validate();
        }
        catch (CodecException e)
        {
            throw new CodecException($"ans104: {path} cannot be encoded: {e.Message}", e);
        }
        return item;
    }

    /// <summary>The bundle tags first, each taking the place of its first existing copy (Erlang's <c>--</c>).</summary>
    private static List<DataItemTag> WithBundleTags(List<DataItemTag> tags)
    {
        var rest = new List<DataItemTag>(tags);
        rest.Remove(BundleFormatTag);
        rest.Remove(BundleVersionTag);
        return [BundleFormatTag, BundleVersionTag, .. rest];
    }

    private static List<DataItemTag> WithManifestTag(List<DataItemTag> tags, string manifestId) =>
        [.. tags.Where(t => !t.Name.Span.SequenceEqual("bundle-map"u8)), DataItemTag.Of("bundle-map", manifestId)];
}
