using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// <c>ans104@1.0</c>: AO-Core messages ⇄ ANS-104 data items, as HyperBEAM's <c>dev_codec_ans104</c> maps them.
/// A message goes through <c>structured@1.0</c> to a TABM and then to an item; an item comes back the same way.
/// Signing an item puts it under an <c>ans104@1.0</c> commitment whose ID is the item's ID; verifying rebuilds the
/// item from the message and checks its signature. A signed item whose tags the encoder would not write the same way
/// (order, case, repeated names, long values) keeps its whole tag list as <c>original-tags</c>, so the rebuilt item
/// is the received one, byte for byte.
/// </summary>
public static class Ans104Codec
{
    public const string DeviceName = CodecNames.Ans104;
    public const string CommitmentDeviceKey = "commitment-device";
    public const string CommitterKey = "committer";
    public const string AlgKey = "alg";
    public const string OriginalTagsKey = "original-tags";

    /// <summary>
    /// The keys a received item carried, recorded by the node on its commitment (as the newest HyperBEAM records
    /// <c>committed</c>), so keys added to the message afterwards (the HTTP path and method) can be told apart.
    /// </summary>
    public const string CommittedKey = "committed";
    public const string SignedAlg = "rsa-pss";
    public const string UnsignedAlg = "unsigned";
    public const string ContentType = "application/ans104";

    /// <summary>The tag that marks a nested item as a bare binary value.</summary>
    public const string AoTypeTag = "ao-type";

    /// <summary>
    /// A message as a data item (through <c>structured@1.0</c>). When its commitment carries <c>original-tags</c>, the
    /// item is decoded again and must give back the message: otherwise the old tags would speak for changed keys.
    /// </summary>
    public static DataItem ToItem(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var item = TabmToItem(StructuredCodec.ToTabm(WithoutCommittedLists(message)));
        if (HasOriginalTags(message) && !SameContent(message, Convert(item, DecodeLimits.None, keepAllTags: false)))
            throw new CodecException("ans104: the commitment's original-tags do not match the message's keys");
        return item;
    }

    /// <summary>A data item as a message (through <c>structured@1.0</c>); malformed content is a <see cref="CodecException"/>.</summary>
    public static Message FromItem(DataItem item, DecodeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        limits ??= DecodeLimits.None;
        var message = Convert(item, limits, keepAllTags: false);
        if (!item.IsSigned || Reproduces(message, item)) return message;
        // The encoder would write these tags differently: keep them all, if that gives the item back.
        var kept = Convert(item, limits, keepAllTags: true);
        return Reproduces(kept, item) ? kept : message;
    }

    private static Message Convert(DataItem item, DecodeLimits limits, bool keepAllTags)
    {
        var tabm = Ans104Decoder.Decode(item, limits, keepAllTags);
        try
        {
            // HyperBEAM's structured@1.0 drops keys holding a #tx default (zero owner, empty target, quantity 0, …) at
            // every level as it decodes, before numbered maps become lists: so once on the TABM, once on the result.
            return TxFields.WithoutDefaults(StructuredCodec.FromTabm(TxFields.WithoutDefaults(tabm)));
        }
        catch (Exception e) when (e is not CodecException and (ArgumentException or FormatException or OverflowException))
        {
            throw new CodecException($"ans104: the item's tags do not form a valid typed message: {e.Message}", e);
        }
    }

    private static bool Reproduces(Message message, DataItem item)
    {
        try
        {
            return TabmToItem(StructuredCodec.ToTabm(message)).Equals(item);
        }
        catch (CodecException)
        {
            return false;
        }
    }

    private static bool SameContent(Message a, Message b) =>
        a.WithoutPriv().Remove(MessageIds.CommitmentsKey).Equals(b.Remove(MessageIds.CommitmentsKey));

    /// <summary>The node's <c>committed</c> record is about the message, not part of the item: it never becomes a tag.</summary>
    private static Message WithoutCommittedLists(Message message)
    {
        if (message.Get(MessageIds.CommitmentsKey) is not Message commitments) return message;
        var updated = commitments;
        foreach (var (id, value) in commitments.Entries)
            if (value is Message c && c.ContainsKey(CommittedKey)) updated = updated.Set(id, c.Remove(CommittedKey));
        return ReferenceEquals(updated, commitments) ? message : message.Set(MessageIds.CommitmentsKey, updated);
    }

    private static bool HasOriginalTags(Message message)
    {
        if (message.Get(MessageIds.CommitmentsKey) is not Message commitments) return false;
        foreach (var (_, value) in commitments.Entries)
            if (value is Message c && c.GetText(CommitmentDeviceKey) == DeviceName && c.ContainsKey(OriginalTagsKey)) return true;
        return false;
    }

    /// <summary>HyperBEAM's <c>dev_codec_ans104:to/1</c>: a TABM (binaries and nested TABMs) as a data item.</summary>
    public static DataItem TabmToItem(Message tabm)
    {
        ArgumentNullException.ThrowIfNull(tabm);
        return Ans104Encoder.Encode(tabm);
    }

    /// <summary>HyperBEAM's <c>dev_codec_ans104:from/1</c>: a data item as a TABM.</summary>
    public static Message ItemToTabm(DataItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Ans104Decoder.Decode(item, DecodeLimits.None);
    }

    /// <summary>The message's data item in ANS-104 binary form.</summary>
    public static byte[] Serialize(Message message) => ToItem(message).Serialize();

    /// <summary>A message from ANS-104 bytes.</summary>
    public static Message Deserialize(ReadOnlyMemory<byte> bytes, DecodeLimits? limits = null) => FromItem(DataItem.Deserialize(bytes), limits);

    /// <summary>
    /// Signs the message as a data item (HyperBEAM's <c>commit</c>): the result is the message with one commitment,
    /// <c>{commitment-device: ans104@1.0, alg: rsa-pss, committer, owner, signature}</c>, under the item's ID.
    /// A data item holds one signature, so other commitments are dropped; the original tags of an unsigned
    /// ans104 commitment are kept so the signed item keeps the names it came with.
    /// </summary>
    public static Message Commit(Message message, Wallet wallet)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(wallet);
        var content = message.Remove(MessageIds.CommitmentsKey);
        var originalTags = UnsignedCommitment(message)?.Get(OriginalTagsKey);
        var toSign = originalTags is null
            ? content
            : content.Set(MessageIds.CommitmentsKey, Message.Empty.Set(Base64Url.Encode(new byte[32]),
                Message.Of((CommitmentDeviceKey, DeviceName), (AlgKey, UnsignedAlg), (OriginalTagsKey, originalTags))));
        var item = ToItem(toSign).Sign(wallet);

        var commitment = Message.Of(
            (CommitmentDeviceKey, DeviceName),
            (AlgKey, SignedAlg),
            (CommitterKey, wallet.Address),
            ("owner", item.Owner.ToArray()),
            ("signature", item.Signature.ToArray()));
        if (originalTags is not null) commitment = commitment.Set(OriginalTagsKey, originalTags);
        return content.Set(MessageIds.CommitmentsKey, Message.Empty.Set(item.Id, commitment));
    }

    /// <summary>
    /// True when the message has at least one <c>ans104@1.0</c> signed commitment and every one verifies: the item
    /// rebuilt from the message and the commitment has a valid signature, its ID is the commitment's key, and the
    /// committer (when given) is the owner's address. A message that cannot be encoded does not verify.
    /// </summary>
    public static bool Verify(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Get(MessageIds.CommitmentsKey) is not Message commitments) return false;
        var content = message.Remove(MessageIds.CommitmentsKey);
        var any = false;
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is not Message commitment || commitment.GetText(CommitmentDeviceKey) != DeviceName || commitment.GetText(AlgKey) != SignedAlg)
                continue;
            any = true;
            if (!VerifyCommitment(content, id, commitment)) return false;
        }
        return any;
    }

    private static bool VerifyCommitment(Message content, string id, Message commitment)
    {
        try
        {
            var item = ToItem(content.Set(MessageIds.CommitmentsKey, Message.Empty.Set(id, commitment)));
            var committer = commitment.GetText(CommitterKey);
            return item.Id == id
                && (committer is null || committer == Wallet.AddressOf(item.Owner.Span))
                && item.Verify();
        }
        catch (CodecException)
        {
            return false;
        }
    }

    /// <summary>
    /// The keys an ans104@1.0 commitment covers (HyperBEAM's <c>committed</c>): the list the node recorded when the
    /// item arrived; else, with <c>original-tags</c>, the tags' names, the item's fields and nested values; else
    /// every key (a canonical item rebuilt from all of them is what was signed, or nothing verifies).
    /// </summary>
    public static IReadOnlyCollection<string> CommittedKeys(Message message, Message commitment)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(commitment);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (commitment.Get(CommittedKey) is AoList recorded)
        {
            foreach (var key in recorded.Items) if (key is AoBinary name) keys.Add(name.Text);
            return keys;
        }
        if (commitment.Get(OriginalTagsKey) is Message originalTags)
        {
            foreach (var (_, entry) in originalTags.Entries)
                if (entry is Message tag && tag.Get("name") is AoBinary name) keys.Add(MessageKeys.Normalize(name.Text));
            foreach (var (key, value) in message.Entries)
                if (value is Message || key is TxFields.Data or TxFields.Target or TxFields.Anchor) keys.Add(key);
            return keys;
        }
        keys.UnionWith(message.Keys);
        return keys;
    }

    /// <summary>
    /// Records on each signed ans104@1.0 commitment the keys the message has now (<c>committed</c>): call it on a
    /// message decoded from a received item, before anything else is added to it.
    /// </summary>
    public static Message WithCommittedKeys(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Get(MessageIds.CommitmentsKey) is not Message commitments) return message;
        var keys = new AoList(message.Keys.Where(k => k != MessageIds.CommitmentsKey).Select(k => (AoValue)AoBinary.FromString(k)));
        var updated = commitments;
        foreach (var (id, value) in commitments.Entries)
            if (value is Message c && c.GetText(CommitmentDeviceKey) == DeviceName && c.GetText(AlgKey) == SignedAlg)
                updated = updated.Set(id, c.Set(CommittedKey, keys));
        return message.Set(MessageIds.CommitmentsKey, updated);
    }

    private static Message? UnsignedCommitment(Message message)
    {
        if (message.Get(MessageIds.CommitmentsKey) is not Message commitments) return null;
        foreach (var (_, value) in commitments.Entries)
            if (value is Message c && c.GetText(CommitmentDeviceKey) == DeviceName && c.GetText(AlgKey) == UnsignedAlg) return c;
        return null;
    }
}
