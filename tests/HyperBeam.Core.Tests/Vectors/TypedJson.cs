using System.Globalization;
using System.Text.Json;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Vectors;

/// <summary>
/// Reads the typed JSON of the HyperBEAM reference vectors: strings are binaries, <c>{"@b64"}</c> raw bytes,
/// <c>{"@int"}</c>, <c>{"@float"}</c>, <c>{"@atom"}</c>, arrays are lists and objects are messages.
/// </summary>
public static class TypedJson
{
    public static AoValue ToValue(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return AoBinary.FromString(e.GetString()!);
            case JsonValueKind.Array:
                return new AoList(e.EnumerateArray().Select(ToValue).ToArray());
            case JsonValueKind.Object:
                if (e.TryGetProperty("@b64", out var b64)) return new AoBinary(Convert.FromBase64String(b64.GetString()!));
                if (e.TryGetProperty("@int", out var i)) return new AoInteger(long.Parse(i.GetString()!, CultureInfo.InvariantCulture));
                if (e.TryGetProperty("@float", out var f)) return new AoFloat(double.Parse(f.GetString()!, CultureInfo.InvariantCulture));
                if (e.TryGetProperty("@atom", out var a)) return AoAtom.Of(a.GetString()!);
                var builder = new MessageBuilder();
                foreach (var p in e.EnumerateObject()) builder.Set(p.Name, ToValue(p.Value));
                return builder.Build();
            default:
                throw new InvalidDataException($"no AO value for JSON {e.ValueKind}");
        }
    }

    public static Message ToMessage(JsonElement e) =>
        ToValue(e) as Message ?? throw new InvalidDataException("expected a JSON object");

    /// <summary>A binary given as a plain string or as <c>{"@b64": …}</c>.</summary>
    public static byte[] ToBytes(JsonElement e) => ((AoBinary)ToValue(e)).ToArray();
}
