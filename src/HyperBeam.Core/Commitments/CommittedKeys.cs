using HyperBeam.Core.Codecs.HttpSig;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Commitments;

/// <summary>
/// Which keys of a message a commitment covers, read from its <c>signature-input</c>: the listed components, the
/// keys whose empty values live in a signed <c>ao-types</c>, and, when the <c>content-digest</c> is signed,
/// everything that travels in the body (nested messages, long values, the inline body key).
/// </summary>
public static class CommittedKeys
{
    public const string CommitmentsKey = "commitments";

    /// <summary>The keys covered by one commitment (a message with a <c>signature-input</c>), sorted.</summary>
    public static IReadOnlyList<string> Of(Message message, Message commitment)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "signature", "signature-input" };
        if (commitment.Get("signature-input") is not AoBinary input
            || !RecentDictionaries.TryParse(input.Text, out var inputs)
            || inputs is not { Count: > 0 } || inputs[0].Value is not SfInnerList list)
            return Sorted(keys);
        foreach (var item in list.Items)
            if (item.Value is SfString s) keys.Add(s.Value.TrimStart('@'));
        // RFC 9421's request target components are computed from the request's path, so they cover it.
        if (keys.Contains("target-uri") || keys.Contains("request-target")) keys.Add("path");

        var plain = message.WithoutPriv().Remove(CommitmentsKey);
        if (keys.Contains(AoTypeNames.AoTypesKey))
            foreach (var (key, value) in plain.Entries)
                if (value is AoBinary { IsEmpty: true } or AoList { Count: 0 } or Message { IsEmpty: true }) keys.Add(key);
        if (keys.Remove(ContentDigest.HeaderName))
        {
            keys.Add(HttpSigEncoder.BodyKey);
            keys.Add("inline-body-key");
            if (plain.GetText("inline-body-key") is { } inline) keys.Add(inline);
            if (plain.ContainsKey("data") && !plain.ContainsKey(HttpSigEncoder.BodyKey)) keys.Add("data");
            var encoded = HttpSigEncoder.Encode(StructuredCodec.ToTabm(plain));
            if (encoded.Get(HttpSigEncoder.BodyKeysKey) is AoBinary bodyKeys
                && StructuredFieldParser.TryParseList(bodyKeys.Text, out var parts, out _) && parts is not null)
                foreach (var part in parts)
                    if (part is SfItem { Value: SfString name }) keys.Add(name.Value.Split('/')[0]);
        }
        return Sorted(keys);
    }

    /// <summary>The keys every signed (non-HMAC) commitment covers; empty when there is none.</summary>
    public static IReadOnlyList<string> OfAll(Message message, IEnumerable<string>? commitmentIds = null)
    {
        if (message.Get(CommitmentsKey) is not Message commitments) return [];
        HashSet<string>? common = null;
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is not Message c || c.GetText("alg") == "hmac-sha256") continue;
            if (commitmentIds is not null && !commitmentIds.Contains(id)) continue;
            var keys = Of(message, c);
            if (common is null) common = new HashSet<string>(keys, StringComparer.Ordinal);
            else common.IntersectWith(keys);
        }
        return common is null ? [] : Sorted(common);
    }

    private static List<string> Sorted(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        list.Sort(MessageKeys.Order);
        return list;
    }
}
