using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBeam.Codecs.Ans104;

namespace HyperBeam.Interop.Tests;

/// <summary>The shapes the scripts exchange: bytes as standard base64, tags as <c>{name, value}</c> text.</summary>
internal static class Json
{
    public static string B64(ReadOnlyMemory<byte> bytes) => Convert.ToBase64String(bytes.Span);

    public static byte[] Bytes(JsonElement e, string property) => Convert.FromBase64String(e.GetProperty(property).GetString()!);

    public static JsonArray Tags(IEnumerable<DataItemTag> tags) =>
        new(tags.Select(t => (JsonNode)new JsonObject { ["name"] = t.NameText, ["value"] = t.ValueText }).ToArray());

    public static List<DataItemTag> Tags(JsonElement array) =>
        array.EnumerateArray().Select(t => DataItemTag.Of(t.GetProperty("name").GetString()!, t.GetProperty("value").GetString()!)).ToList();

    public static JsonObject Jwk(string jwk) => JsonNode.Parse(jwk)!.AsObject();
}
