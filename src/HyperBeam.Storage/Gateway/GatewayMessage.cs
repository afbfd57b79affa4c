using System.Security.Cryptography;
using System.Text.Json;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Storage.Gateway;

/// <summary>
/// Turns an Arweave transaction, as a gateway's GraphQL describes it, plus its raw data, into a message the way
/// HyperBEAM's <c>hb_gateway_client:result_to_message</c> does through its ANS-104 codec: tags become keys
/// (lower-cased, repeated tags a list), the data the <c>data</c> key, the recipient <c>target</c>, the anchor
/// <c>anchor</c>, and the signature a commitment keyed by the transaction ID. The commitment is not verified
/// here; that is the ANS-104 codec's work, which this will call once it lands.
/// </summary>
public static class GatewayMessage
{
    public const string CommitmentDevice = "ans104@1.0";

    /// <summary>Bundle bookkeeping tags, dropped as HyperBEAM drops them.</summary>
    private static readonly HashSet<string> FilteredTags = ["bundle-format", "bundle-map", "bundle-version"];

    /// <exception cref="FormatException">The GraphQL node lacks a field every transaction has.</exception>
    public static Message FromTransaction(JsonElement node, byte[] data)
    {
        var id = RequiredString(node, "id");
        var tags = new List<(string Name, string Value)>();
        if (node.TryGetProperty("tags", out var tagArray) && tagArray.ValueKind == JsonValueKind.Array)
            foreach (var tag in tagArray.EnumerateArray())
                tags.Add((RequiredString(tag, "name"), RequiredString(tag, "value")));

        var builder = new MessageBuilder();
        foreach (var group in tags.GroupBy(t => MessageKeys.Normalize(t.Name), StringComparer.Ordinal))
        {
            if (FilteredTags.Contains(group.Key)) continue;
            var values = group.Select(t => (AoValue)AoBinary.FromString(t.Value)).ToList();
            builder.Set(group.Key, values.Count == 1 ? values[0] : new AoList(values));
        }
        if (OptionalString(node, "anchor") is { Length: > 0 } anchor) builder.Set("anchor", anchor);
        if (OptionalString(node, "recipient") is { Length: > 0 } recipient) builder.Set("target", recipient);
        if (data.Length > 0) builder.Set("data", new AoBinary(data));

        var signature = OptionalString(node, "signature") is { Length: > 0 } sig ? Base64Url.Decode(sig) : [];
        if (signature.Length > 0)
        {
            var owner = node.TryGetProperty("owner", out var o) && OptionalString(o, "key") is { Length: > 0 } key ? Base64Url.Decode(key) : [];
            var commitment = new MessageBuilder()
                .Set("commitment-device", CommitmentDevice)
                .Set("alg", signature.Length switch { 512 => "rsa-pss", 65 => "ecdsa", _ => "unknown" })
                .Set("committer", Base64Url.Encode(SHA256.HashData(owner)))
                .Set("owner", new AoBinary(owner))
                .Set("signature", new AoBinary(signature));
            // Tag names that lower-casing changed are kept, so the original item can be rebuilt and verified.
            if (tags.Any(t => MessageKeys.Normalize(t.Name) != t.Name))
                commitment.Set("original-tags", new AoList(tags.Select(t => (AoValue)Message.Of(("name", t.Name), ("value", t.Value)))));
            builder.Set(MessageIds.CommitmentsKey, Message.Empty.Set(id, commitment.Build()));
        }
        return builder.Build();
    }

    private static string RequiredString(JsonElement element, string property) =>
        OptionalString(element, property) ?? throw new FormatException($"the GraphQL transaction has no '{property}'");

    private static string? OptionalString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
