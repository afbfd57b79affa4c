using System.Globalization;
using System.Text.Json;

namespace HyperBeam.Hosting.Tests.Support;

/// <summary>Reads the node's JSON (HyperBEAM's json@1.0): lists are objects keyed "1", "2", …; integers and atoms may be strings.</summary>
public static class AoJson
{
    public static IReadOnlyList<JsonElement> Items(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? [.. value.EnumerateArray()]
        : [.. value.EnumerateObject()
            .Where(p => int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(p => int.Parse(p.Name, CultureInfo.InvariantCulture))
            .Select(p => p.Value)];

    public static long Long(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    public static double Double(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
