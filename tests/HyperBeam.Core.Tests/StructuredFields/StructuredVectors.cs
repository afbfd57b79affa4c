using System.Text.Json.Nodes;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>
/// The HyperBEAM reference vectors in vectors/structured.json (copied to the test output folder).
/// Values stay in HyperBEAM's typed-JSON encoding; see the file's top-level "encoding" field.
/// </summary>
internal static class StructuredVectors
{
    private static readonly Lazy<JsonNode> Root = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "structured.json")))
        ?? throw new InvalidOperationException("structured.json is empty"));

    /// <summary><c>vectors.sf</c>: HyperBEAM parsed <see cref="SfVector.Input"/> and serialized the result again.</summary>
    public static IReadOnlyList<SfVector> Sf { get; } = Load("sf", node => new SfVector(
        node["kind"]!.GetValue<string>(),
        node["input"]!.GetValue<string>(),
        node["output"]!["parsed"]!,
        node["output"]!["reserialized"]!.GetValue<string>()));

    /// <summary><c>vectors.sf_to</c>: HyperBEAM's to_dictionary/to_list from plain Erlang values, then serialized.</summary>
    public static IReadOnlyList<SfToVector> SfTo { get; } = Load("sf_to", node => new SfToVector(
        node["fn"]!.GetValue<string>(),
        node["input"]!,
        node["output"]!));

    private static List<T> Load<T>(string name, Func<JsonNode, T> read) =>
        Root.Value["vectors"]![name]!.AsArray().Select(node => read(node!)).ToList();
}

/// <summary>One <c>vectors.sf</c> entry; <see cref="Parsed"/> is the Erlang term HyperBEAM's parser returned.</summary>
internal sealed record SfVector(string Kind, string Input, JsonNode Parsed, string Reserialized);

/// <summary>One <c>vectors.sf_to</c> entry; <see cref="Output"/> is the serialized text or an error object.</summary>
internal sealed record SfToVector(string Fn, JsonNode Input, JsonNode Output)
{
    public bool IsError => Output is JsonObject error && error.ContainsKey("error");
}
