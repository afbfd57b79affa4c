using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>
/// Converts our structures into the Erlang terms hb_structured_fields uses, in the vectors' typed-JSON
/// encoding: items <c>{item, Bare, Params}</c>, inner lists <c>{list, Items, Params}</c>, dictionaries
/// and parameters as lists of <c>{Key, Value}</c> tuples, booleans as atoms, decimals as
/// <c>{decimal, {Base, Exp}}</c>.
/// </summary>
internal static class HyperBeamTerm
{
    public static JsonNode FromItem(SfItem item) =>
        Tuple(Atom("item"), FromBareItem(item.Value), FromParameters(item.Parameters));

    public static JsonNode FromList(IEnumerable<SfMember> list) => new JsonArray(list.Select(FromMember).ToArray());

    public static JsonNode FromDictionary(SfDictionary dictionary) =>
        new JsonArray(dictionary.Select(m => Tuple(JsonValue.Create(m.Key), FromMember(m.Value))).ToArray());

    public static bool DeepEquals(JsonNode? expected, JsonNode? actual) => JsonNode.DeepEquals(expected, actual);

    private static JsonNode FromMember(SfMember member) => member switch
    {
        SfItem item => FromItem(item),
        SfInnerList inner => Tuple(
            Atom("list"),
            new JsonArray(inner.Items.Select(FromItem).ToArray()),
            FromParameters(inner.Parameters)),
        _ => throw new ArgumentOutOfRangeException(nameof(member), member, "unknown member type"),
    };

    private static JsonNode FromParameters(SfParameters parameters) =>
        new JsonArray(parameters.Select(p => Tuple(JsonValue.Create(p.Key), FromBareItem(p.Value))).ToArray());

    private static JsonNode FromBareItem(SfBareItem bareItem) => bareItem switch
    {
        SfInteger integer => Int(integer.Value),
        SfBoolean boolean => Atom(boolean.Value ? "true" : "false"),
        SfString text => Tuple(Atom("string"), JsonValue.Create(text.Value)),
        SfToken token => Tuple(Atom("token"), JsonValue.Create(token.Value)),
        SfByteSequence bytes => Tuple(Atom("binary"), Binary(bytes.Value)),
        SfDecimal number => Decimal(number.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(bareItem), bareItem, "HyperBEAM has no such bare item"),
    };

    /// <summary>HyperBEAM drops trailing fraction zeros: 1.50 is {15, -1} and 1.0 is {1, 0}.</summary>
    private static JsonNode Decimal(decimal value)
    {
        var digits = 0;
        while (decimal.Truncate(value) != value)
        {
            value *= 10;
            digits++;
        }

        return Tuple(Atom("decimal"), Tuple(Int((long)value), Int(-digits)));
    }

    /// <summary>A binary is a JSON string when it is valid UTF-8, else <c>{"@b64": ...}</c>.</summary>
    private static JsonNode Binary(byte[] bytes) =>
        Utf8.IsValid(bytes)
            ? JsonValue.Create(Encoding.UTF8.GetString(bytes))
            : new JsonObject { ["@b64"] = Convert.ToBase64String(bytes) };

    private static JsonNode Atom(string name) => new JsonObject { ["@atom"] = name };

    private static JsonNode Int(long value) =>
        new JsonObject { ["@int"] = value.ToString(CultureInfo.InvariantCulture) };

    private static JsonNode Tuple(params JsonNode?[] elements) =>
        new JsonObject { ["@tuple"] = new JsonArray(elements) };
}
