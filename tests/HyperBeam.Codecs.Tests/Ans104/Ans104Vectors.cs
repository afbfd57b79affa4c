using System.Text.Json;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>Reading tests/vectors/ans104.json: tags are <c>{"@tuple": [name, value]}</c>, binaries typed JSON.</summary>
internal static class Ans104Vectors
{
    public const string File = "ans104.json";

    public static JsonElement Section(string name) => VectorFile.Vectors(File).GetProperty(name);

    /// <summary>key-1's modulus (tests/vectors/wallet.json), the owner the signed vectors were made with.</summary>
    public static byte[] Key1Modulus => Base64Url.Decode(VectorFile.Vectors("wallet.json").GetProperty("public_key_n_b64url").GetString()!);

    public static List<DataItemTag> Tags(JsonElement array) =>
        array.EnumerateArray()
            .Select(t => t.GetProperty("@tuple"))
            .Select(t => new DataItemTag(TypedJson.ToBytes(t[0]), TypedJson.ToBytes(t[1])))
            .ToList();

    /// <summary>The unsigned item a vector describes (target, anchor, tags, data; zero owner and signature).</summary>
    public static DataItem Item(JsonElement v) => DataItem.Create(
        TypedJson.ToBytes(v.GetProperty("data")),
        Tags(v.GetProperty("tags")),
        TypedJson.ToBytes(v.GetProperty("target")),
        TypedJson.ToBytes(v.GetProperty("anchor")));

    public static byte[] Base64(JsonElement output, string field) => Convert.FromBase64String(output.GetProperty(field).GetString()!);

    public static bool AtomTrue(JsonElement output, string field) => output.GetProperty(field).GetProperty("@atom").GetString() == "true";
}
