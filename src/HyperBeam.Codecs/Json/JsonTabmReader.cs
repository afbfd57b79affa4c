using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Json;

/// <summary>
/// JSON → TABM. HyperBEAM's <c>json:decode/1</c> gives strings as binaries and objects as maps, which form a TABM,
/// but also numbers, booleans, <c>null</c> and arrays, which structured@1.0 then passes through as they are. Those
/// native values are given their structured@1.0 form here (an integer becomes <c>"5"</c> with <c>n="integer"</c> in
/// ao-types), so that the result is a plain TABM and decodes to the same message HyperBEAM would build.
/// </summary>
/// <remarks>
/// Stricter than HyperBEAM, which takes the first of repeated keys, lets keys differing only in case coexist and
/// accepts private keys: all three are errors here, so that no two readers disagree on a message and no sender
/// can write a node's private state.
/// </remarks>
internal static class JsonTabmReader
{
    public static Message Read(ReadOnlySpan<byte> json, JsonCodecOptions options, DecodeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (json.Length > options.MaxDocumentBytes)
            throw new CodecException($"the JSON document is {json.Length} bytes, over the limit of {options.MaxDocumentBytes}");
        if (json.IsEmpty) throw new CodecException("the JSON document is empty");
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = CodecLimits.MaxDepth });
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new CodecException($"a json@1.0 message is a JSON object, not {Describe(reader.TokenType)}");
            var tabm = ReadObject(ref reader, limits);
            if (reader.Read()) throw new CodecException("the JSON document continues after its object");
            return tabm;
        }
        catch (JsonException e)
        {
            throw new CodecException($"invalid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports an escaped unpaired surrogate (e.g. "\ud800") this way.
            throw new CodecException($"invalid JSON string: {e.Message}", e);
        }
    }

    /// <summary>Reads the object whose <c>{</c> the reader is on, up to and including its <c>}</c>.</summary>
    private static Message ReadObject(ref Utf8JsonReader reader, DecodeLimits limits)
    {
        var values = new MessageBuilder();
        var natives = new MessageBuilder();
        var spellings = new Dictionary<string, string>(StringComparer.Ordinal);
        AoBinary? aoTypes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            limits.Count(spellings.Count + 1);
            var spelling = Encoding.UTF8.GetString(StringBytes(ref reader));
            var key = MessageKeys.Normalize(spelling);
            if (!spellings.TryAdd(key, spelling))
                throw new CodecException(spellings[key] == spelling
                    ? $"the key '{spelling}' appears twice in one object"
                    : $"the keys '{spellings[key]}' and '{spelling}' are the same key once normalised");
            if (MessageKeys.IsPrivate(key))
                throw new CodecException($"'{spelling}' is a private key, which never travels in a message");
            reader.Read();
            if (key == AoTypeNames.AoTypesKey)
            {
                aoTypes = reader.TokenType == JsonTokenType.String
                    ? new AoBinary(StringBytes(ref reader))
                    : throw new CodecException($"ao-types must be a string, not {Describe(reader.TokenType)}");
                continue;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    values.Set(key, new AoBinary(StringBytes(ref reader)));
                    break;
                case JsonTokenType.StartObject:
                    values.Set(key, ReadObject(ref reader, limits));
                    break;
                default:
                    natives.Set(key, ReadNative(ref reader, limits));
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new CodecException("the JSON document ends inside an object");
        if (aoTypes is not null) aoTypes = Base64Binaries.Unmark(aoTypes, values);
        var nativeTabm = StructuredConversion.ToTabm(natives.Build());
        foreach (var (key, value) in nativeTabm.Entries)
            if (key != AoTypeNames.AoTypesKey) values.Set(key, value);
        // Native entries come last so that their types win over whatever ao-types said about the same keys, as in
        // HyperBEAM, where a value that is already native is kept whatever its recorded type.
        aoTypes = AoTypesField.Concat(aoTypes, nativeTabm.Get(AoTypeNames.AoTypesKey) as AoBinary);
        if (aoTypes is not null) values.Set(AoTypeNames.AoTypesKey, aoTypes);
        return values.Build();
    }

    /// <summary>A value that is not a string or an object, as the rich value HyperBEAM's decoder would give.</summary>
    private static AoValue ReadNative(ref Utf8JsonReader reader, DecodeLimits limits) => reader.TokenType switch
    {
        JsonTokenType.Number => ReadNumber(ref reader),
        JsonTokenType.True => AoAtom.True,
        JsonTokenType.False => AoAtom.False,
        JsonTokenType.Null => AoAtom.Null,
        JsonTokenType.StartArray => ReadArray(ref reader, limits),
        var other => throw new CodecException($"unexpected {Describe(other)} in a JSON object"),
    };

    private static AoList ReadArray(ref Utf8JsonReader reader, DecodeLimits limits)
    {
        var items = new List<AoValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // A list is a numbered message in the TABM, so its items count as keys.
            limits.Count(items.Count + 1);
            items.Add(reader.TokenType switch
            {
                JsonTokenType.String => new AoBinary(StringBytes(ref reader)),
                // HyperBEAM leaves an object inside an array as the raw map; we decode it as any other object.
                JsonTokenType.StartObject => StructuredConversion.FromTabm(ReadObject(ref reader, limits)),
                _ => ReadNative(ref reader, limits),
            });
        }
        return new AoList(items);
    }

    private static AoValue ReadNumber(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        // As in Erlang: a fraction or an exponent makes a float, anything else is an integer.
        if (raw.IndexOfAny(".eE"u8) < 0)
        {
            return reader.TryGetInt64(out var integer)
                ? new AoInteger(integer)
                : throw new CodecException($"the integer {Encoding.ASCII.GetString(raw)} does not fit in 64 bits");
        }
        return double.TryParse(Encoding.ASCII.GetString(raw), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? new AoFloat(d)
            : throw new CodecException($"the number {Encoding.ASCII.GetString(raw)} is out of a float's range");
    }

    /// <summary>The unescaped bytes of the string or property name the reader is on, which must be UTF-8.</summary>
    private static byte[] StringBytes(ref Utf8JsonReader reader)
    {
        byte[] bytes;
        if (!reader.ValueIsEscaped)
        {
            bytes = reader.ValueSpan.ToArray();
        }
        else
        {
            // Unescaping only ever shortens the text.
            var buffer = new byte[reader.ValueSpan.Length];
            bytes = buffer[..reader.CopyString(buffer)];
        }
        if (!Utf8.IsValid(bytes)) throw new CodecException("a JSON string is not valid UTF-8");
        return bytes;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };
}
