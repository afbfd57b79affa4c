using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Codecs.Json;

/// <summary>Reading and extending a TABM's <c>ao-types</c> dictionary, for the JSON codec's own type entries.</summary>
internal static class AoTypesField
{
    public static SfDictionary Parse(AoBinary raw)
    {
        try
        {
            return StructuredFieldParser.ParseDictionary(raw.Text);
        }
        catch (StructuredFieldException e)
        {
            throw new CodecException($"ao-types is not a structured-field dictionary: {e.Message}", e);
        }
    }

    /// <summary>The type an entry names (a string or a token), lower-cased as structured@1.0 compares types.</summary>
    public static string TypeOf(string escapedKey, SfMember member) => member switch
    {
        SfItem { Value: SfString s } => s.Value.ToLowerInvariant(),
        SfItem { Value: SfToken t } => t.Value.ToLowerInvariant(),
        _ => throw new CodecException($"ao-types entry '{escapedKey}' is not a string"),
    };

    /// <summary>The message key an entry is for: percent-escapes undone, then normalised.</summary>
    public static string KeyOf(string escapedKey) => MessageKeys.Normalize(KeyEscape.Decode(escapedKey));

    /// <summary>The type recorded for <paramref name="key"/>, or null.</summary>
    public static string? TypeFor(SfDictionary types, string key)
    {
        string? found = null;
        foreach (var (escaped, member) in types)
            if (KeyOf(escaped) == key) found = TypeOf(escaped, member);
        return found;
    }

    /// <summary>Appends <c>key="type"</c> entries; where a key repeats, the later entry wins (RFC 8941 §4.2.2).</summary>
    public static AoBinary Append(AoBinary? existing, IEnumerable<(string Key, string Type)> entries)
    {
        var sb = new StringBuilder(existing?.Text ?? "");
        foreach (var (key, type) in entries)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(KeyEscape.Encode(key)).Append("=\"").Append(type).Append('"');
        }
        return AoBinary.FromString(sb.ToString());
    }

    /// <summary>Joins two ao-types dictionaries; entries of <paramref name="later"/> win.</summary>
    public static AoBinary? Concat(AoBinary? earlier, AoBinary? later)
    {
        if (earlier is null || earlier.IsEmpty) return later;
        if (later is null || later.IsEmpty) return earlier;
        return AoBinary.FromString(earlier.Text + ", " + later.Text);
    }

    /// <summary>The dictionary written back out, or null when no entries remain.</summary>
    public static AoBinary? Serialize(IReadOnlyList<KeyValuePair<string, SfMember>> entries)
    {
        if (entries.Count == 0) return null;
        try
        {
            return AoBinary.FromString(StructuredFieldSerializer.SerializeDictionary(new SfDictionary(entries)));
        }
        catch (StructuredFieldException e)
        {
            throw new CodecException($"ao-types cannot be rewritten: {e.Message}", e);
        }
    }
}
