using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// One corpus entry: a field value of a given type; what the RFC makes of it (<see cref="Expect"/>ed serialization or
/// <see cref="Invalid"/>); and for a known difference, why (<see cref="Differs"/>) and which side departs from the RFC
/// (<see cref="Deviates"/>: "ours" or "library").
/// </summary>
public sealed record StructuredFieldCase(string Name, string Type, string Input, string? Expect, bool Invalid, string? Deviates, string? Differs)
{
    /// <summary>The RFC outcome, if the corpus states one.</summary>
    public StructuredFieldOutcome? Rfc => Invalid ? new(false, "invalid") : Expect is null ? null : new(true, Expect);
}

/// <summary>
/// structured-fields-corpus.json, copied next to the test assembly. Read once; theories enumerate it by name so each
/// case reports on its own.
/// </summary>
public static class StructuredFieldCorpus
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "structured-fields-corpus.json");

    private static readonly Lazy<JsonElement> Root = new(() => JsonDocument.Parse(File.ReadAllText(Path)).RootElement.Clone());

    public static IReadOnlyList<StructuredFieldCase> Cases { get; } = Root.Value.GetProperty("cases").EnumerateArray().Select(c =>
        new StructuredFieldCase(
            Text(c, "name")!, Text(c, "type")!, Text(c, "input")!, Text(c, "expect"),
            c.TryGetProperty("invalid", out var invalid) && invalid.GetBoolean(), Text(c, "deviates"), Text(c, "differs"))).ToList();

    /// <summary>Decimals to serialize (not parse) on both sides, as cases of type "decimal".</summary>
    public static IReadOnlyList<StructuredFieldCase> Numbers { get; } = Root.Value.GetProperty("numbers").EnumerateArray().Select(n =>
        new StructuredFieldCase(Text(n, "input")!, "decimal", Text(n, "input")!, Text(n, "expect"), false, Text(n, "deviates"), Text(n, "differs"))).ToList();

    public static IEnumerable<object[]> CaseNames => Cases.Select(c => new object[] { c.Name });

    public static IEnumerable<object[]> NumberInputs => Numbers.Select(n => new object[] { n.Input });

    /// <summary>The script input: every case and number, in corpus order (the output keeps that order).</summary>
    public static JsonObject ScriptInput() => new()
    {
        ["cases"] = new JsonArray(Cases.Select(c => (JsonNode)new JsonObject { ["type"] = c.Type, ["input"] = c.Input }).ToArray()),
        ["numbers"] = new JsonArray(Numbers.Select(n => (JsonNode)JsonValue.Create(n.Input)).ToArray()),
    };

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
