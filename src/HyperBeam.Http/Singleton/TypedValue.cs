using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// The <c>key+type=value</c> types (HyperBEAM's <c>dev_codec_structured:decode_value</c>): <c>integer</c>,
/// <c>float</c>, <c>atom</c>, <c>list</c> (a structured-field list), <c>map</c> (a structured-field dictionary of
/// bare items) and <c>binary</c>. Type names are case-insensitive. <c>resolve</c> is not a value type: the parser
/// handles it, since it needs the grammar itself.
/// </summary>
internal static class TypedValue
{
    public const string Resolve = "resolve";

    private static readonly string[] Known = [AoTypeNames.Integer, AoTypeNames.Float, AoTypeNames.Atom, AoTypeNames.List, "map", AoTypeNames.Binary, Resolve];

    public static AoValue Decode(string key, string type, AoBinary value)
    {
        var lower = type.ToLowerInvariant();
        try
        {
            return lower switch
            {
                AoTypeNames.Integer or AoTypeNames.Float or AoTypeNames.Atom or AoTypeNames.List or AoTypeNames.Binary =>
                    StructuredCodec.DecodeValue(lower, value, key),
                "map" => DecodeMap(value.Text),
                _ => throw new SingletonParseException(
                    $"'{PathScanner.Quote(key)}+{PathScanner.Quote(type)}' names an unknown type; known types are {string.Join(", ", Known)}"),
            };
        }
        catch (CodecException e)
        {
            throw new SingletonParseException($"'{PathScanner.Quote(key)}+{lower}': {e.Message}");
        }
        catch (StructuredFieldException e)
        {
            throw new SingletonParseException($"'{PathScanner.Quote(key)}+{lower}' is not a structured-field dictionary: {e.Message}");
        }
    }

    /// <summary>A dictionary <c>a=1, b="x", c</c> as the message <c>{a: 1, b: "x", c: true}</c>.</summary>
    private static Message DecodeMap(string text)
    {
        var builder = new MessageBuilder();
        foreach (var (name, member) in StructuredFieldParser.ParseDictionary(text))
        {
            if (member is not SfItem item) throw new CodecException($"map entry '{name}' is an inner list, not a single value");
            builder.Set(name, BareValue(name, item.Value));
        }
        return builder.Build();
    }

    private static AoValue BareValue(string name, SfBareItem item) => item switch
    {
        SfInteger i => new AoInteger(i.Value),
        SfDecimal d => new AoFloat((double)d.Value),
        SfBoolean b => b.Value ? AoAtom.True : AoAtom.False,
        SfString s => AoBinary.FromString(s.Value),
        SfToken t => AoAtom.Of(t.Value),
        SfByteSequence bytes => new AoBinary(bytes.Value),
        _ => throw new CodecException($"map entry '{name}' holds a {item.GetType().Name}, which has no AO-Core value"),
    };
}
