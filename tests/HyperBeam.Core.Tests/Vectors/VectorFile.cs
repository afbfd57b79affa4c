using System.Text.Json;

namespace HyperBeam.Core.Tests.Vectors;

/// <summary>Loads a reference vector file from tests/vectors (copied next to the test assembly) as it is.</summary>
public static class VectorFile
{
    private static readonly Dictionary<string, JsonDocument> Cache = [];

    public static JsonElement Vectors(string fileName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "vectors", fileName);
                doc = JsonDocument.Parse(File.ReadAllBytes(path));
                Cache[fileName] = doc;
            }
            return doc.RootElement.GetProperty("vectors");
        }
    }

    /// <summary>Theory rows for the array <paramref name="section"/> (or the whole vectors array when null).</summary>
    public static IEnumerable<object[]> Rows(string fileName, string? section = null, string nameField = "name")
    {
        var array = section is null ? Vectors(fileName) : Vectors(fileName).GetProperty(section);
        var index = 0;
        foreach (var v in array.EnumerateArray())
        {
            var name = v.TryGetProperty(nameField, out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : $"#{index}";
            yield return [new VectorCase(name, index++, v)];
        }
    }
}

/// <summary>One vector; its name shows in the test explorer.</summary>
public sealed record VectorCase(string Name, int Index, JsonElement Data)
{
    public override string ToString() => Name;
}
