using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// The fields of HyperBEAM's <c>#tx</c> record as message keys, and what <c>dev_codec_ans104</c> does with each.
/// </summary>
internal static class TxFields
{
    public const string Id = "id";
    public const string UnsignedId = "unsigned_id";
    public const string Anchor = "last_tx";
    public const string Owner = "owner";
    public const string Tags = "tags";
    public const string Target = "target";
    public const string Data = "data";
    public const string Signature = "signature";
    public const string Format = "format";

    /// <summary>
    /// Keys that <c>to</c> takes out of the message into record fields (the rest, including quantity, reward and
    /// the other "forced tag" fields, become tags or nested items). <c>format</c>, <c>id</c> and <c>unsigned_id</c>
    /// are taken and then lost: ar_bundles never serializes them.
    /// </summary>
    public static readonly HashSet<string> Consumed = [Format, Id, UnsignedId, Anchor, Owner, Tags, Target, Data, Signature];

    /// <summary>Record fields whose default is a binary: a 43-character value there is read as a base64url ID.</summary>
    public static readonly HashSet<string> BinaryDefaults = [Id, UnsignedId, Anchor, Owner, Target, Data, Signature];

    /// <summary>Tags of HyperBEAM's nested-bundle machinery, removed again by <c>from</c>.</summary>
    public static readonly HashSet<string> BundleTags = ["bundle-format", "bundle-map", "bundle-version"];

    /// <summary>
    /// The record's default values. HyperBEAM's <c>structured@1.0</c> decoder drops any key holding one
    /// (<c>hb_message:filter_default_keys</c>), which is how the placeholder owner, signature and empty target and
    /// anchor that <c>from</c> emits disappear from decoded messages.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, AoValue> Defaults = new Dictionary<string, AoValue>(StringComparer.Ordinal)
    {
        [Format] = AoAtom.Of("ans104"),
        [Id] = new AoBinary(new byte[32]),
        [UnsignedId] = new AoBinary(new byte[32]),
        [Anchor] = AoBinary.Empty,
        [Owner] = new AoBinary(new byte[DataItemLimits.OwnerBytes]),
        [Tags] = AoList.Empty,
        [Target] = AoBinary.Empty,
        ["quantity"] = new AoInteger(0),
        [Data] = AoBinary.Empty,
        ["manifest"] = AoAtom.Of("undefined"),
        ["data_size"] = new AoInteger(0),
        ["data_tree"] = AoList.Empty,
        ["data_root"] = AoBinary.Empty,
        [Signature] = new AoBinary(new byte[DataItemLimits.SignatureBytes]),
        ["reward"] = new AoInteger(0),
        ["denomination"] = new AoInteger(0),
    };

    /// <summary>Removes default-valued record keys from the message and every message nested in it.</summary>
    public static Message WithoutDefaults(Message message)
    {
        var builder = new MessageBuilder();
        foreach (var (key, value) in message.Entries)
        {
            if (Defaults.TryGetValue(key, out var fallback) && fallback.Equals(value)) continue;
            builder.Set(key, WithoutDefaults(value));
        }
        return builder.Build();
    }

    private static AoValue WithoutDefaults(AoValue value) => value switch
    {
        Message nested => WithoutDefaults(nested),
        AoList list => new AoList(list.Items.Select(WithoutDefaults)),
        _ => value,
    };
}
