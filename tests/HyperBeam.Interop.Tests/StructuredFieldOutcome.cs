using System.Globalization;
using System.Text.Json;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Interop.Tests;

/// <summary>What one side made of a field value: its re-serialization, or the reason it was rejected.</summary>
public sealed record StructuredFieldOutcome(bool Ok, string Text)
{
    /// <summary>Same acceptance and, when accepted, the same re-serialized text (error messages are not compared).</summary>
    public bool Agrees(StructuredFieldOutcome other) => Ok == other.Ok && (!Ok || Text == other.Text);

    public override string ToString() => Ok ? $"'{Text}'" : $"rejected ({Text})";

    public static StructuredFieldOutcome FromScript(JsonElement e) =>
        e.GetProperty("ok").GetBoolean() ? new(true, e.GetProperty("serialized").GetString()!) : new(false, e.GetProperty("error").GetString()!);

    /// <summary>This port: parse as <paramref name="type"/>, serialize in the RFC dialect.</summary>
    public static StructuredFieldOutcome Ours(string type, string input) => Attempt(() => type switch
    {
        "item" => StructuredFieldSerializer.SerializeItem(StructuredFieldParser.ParseItem(input)),
        "list" => StructuredFieldSerializer.SerializeList(StructuredFieldParser.ParseList(input)),
        "dictionary" => StructuredFieldSerializer.SerializeDictionary(StructuredFieldParser.ParseDictionary(input), StructuredFieldDialect.Rfc),
        _ => throw new ArgumentException($"unknown field type '{type}'", nameof(type)),
    });

    /// <summary>This port serializing a decimal given as text.</summary>
    public static StructuredFieldOutcome OursNumber(string input) => Attempt(() =>
        StructuredFieldSerializer.SerializeItem(new SfItem(new SfDecimal(decimal.Parse(input, CultureInfo.InvariantCulture)))));

    private static StructuredFieldOutcome Attempt(Func<string> action)
    {
        try
        {
            return new(true, action());
        }
        catch (StructuredFieldException e)
        {
            return new(false, e.Message);
        }
    }
}
