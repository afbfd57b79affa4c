using System.Globalization;
using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Codecs.Structured;

/// <summary>
/// <c>structured@1.0</c>: a rich message ⇄ TABM (type-annotated binary message), whose values are only binaries
/// or nested TABMs, the types of everything else recorded in an <c>ao-types</c> structured-field dictionary.
/// Mirrors HyperBEAM's <c>dev_codec_structured</c>; the TABM is what IDs and wire codecs are computed from.
/// </summary>
public static class StructuredCodec
{
    public const string Name = "structured@1.0";

    /// <summary>Keys that are regenerated on every encoding and so never carried in a TABM.</summary>
    private static readonly HashSet<string> RegeneratedKeys = ["unsigned_id", "content-digest"];

    /// <summary>Rich message → TABM.</summary>
    public static Message ToTabm(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var types = new List<(string Key, string Type)>();
        var values = new MessageBuilder();
        foreach (var (key, value) in message.Entries)
        {
            if (RegeneratedKeys.Contains(key)) continue;
            switch (value)
            {
                case AoBinary { IsEmpty: true }:
                    types.Add((key, AoTypeNames.EmptyBinary));
                    break;
                case AoBinary b:
                    values.Set(key, b);
                    break;
                case AoList { Count: 0 }:
                    types.Add((key, AoTypeNames.EmptyList));
                    break;
                case Message { IsEmpty: true }:
                    types.Add((key, AoTypeNames.EmptyMessage));
                    break;
                case Message nested:
                    values.Set(key, ToTabm(nested));
                    break;
                case AoList list when NeedsNumberedMessage(list):
                    types.Add((key, AoTypeNames.List));
                    values.Set(key, ToTabm(list.ToNumberedMessage()));
                    break;
                default:
                    var (type, encoded) = EncodeValue(value);
                    types.Add((key, type));
                    values.Set(key, new AoBinary(encoded));
                    break;
            }
        }
        if (types.Count > 0) values.Set(AoTypeNames.AoTypesKey, new AoBinary(EncodeAoTypes(types)));
        return values.Build();
    }

    /// <summary>TABM → rich message. Throws <see cref="CodecException"/> on malformed types or values.</summary>
    public static Message FromTabm(Message tabm)
    {
        ArgumentNullException.ThrowIfNull(tabm);
        if (IsOwnRichForm(tabm)) return tabm;
        var types = tabm.Get(AoTypeNames.AoTypesKey) is AoBinary raw ? ParseAoTypes(raw) : [];
        var output = new MessageBuilder();
        foreach (var (key, type) in types)
        {
            switch (type)
            {
                case AoTypeNames.EmptyBinary: output.Set(key, AoBinary.Empty); break;
                case AoTypeNames.EmptyList: output.Set(key, AoList.Empty); break;
                case AoTypeNames.EmptyMessage: output.Set(key, Message.Empty); break;
            }
        }
        foreach (var (key, value) in tabm.Entries)
        {
            if (key == AoTypeNames.AoTypesKey) continue;
            types.TryGetValue(key, out var type);
            switch (value)
            {
                case AoBinary b:
                    output.Set(key, type is null ? b : DecodeValue(type, b, key));
                    break;
                case Message child:
                    var decoded = FromTabm(child);
                    output.Set(key, type == AoTypeNames.List ? ToOrderedList(decoded, key) : decoded);
                    break;
                default:
                    throw new CodecException($"TABM key '{key}' holds a {value.TypeName}; TABM values are binaries or messages");
            }
        }
        return output.Build();
    }

    /// <summary>
    /// A TABM with no <c>ao-types</c> at any depth, holding only binaries and such TABMs, decodes to itself: returning
    /// it spares a copy of every key (a many-key request body is decoded once, not rebuilt).
    /// </summary>
    private static bool IsOwnRichForm(Message tabm)
    {
        if (!tabm.Priv.IsEmpty || tabm.ContainsKey(AoTypeNames.AoTypesKey)) return false;
        foreach (var (_, value) in tabm.Entries)
            if (value is not AoBinary && (value is not Message child || !IsOwnRichForm(child))) return false;
        return true;
    }

    /// <summary>A non-binary value as its <c>ao-types</c> type name and its binary form (HyperBEAM's <c>encode_value</c>).</summary>
    public static (string Type, byte[] Encoded) EncodeValue(AoValue value) => value switch
    {
        AoInteger i => (AoTypeNames.Integer, Encoding.ASCII.GetBytes(i.Value.ToString(CultureInfo.InvariantCulture))),
        AoFloat f => (AoTypeNames.Float, Encoding.ASCII.GetBytes(ErlangFloat.Format(f.Value))),
        AoAtom a => (AoTypeNames.Atom, SfText.Quoted(Encoding.UTF8.GetBytes(a.Name))),
        AoList l => (AoTypeNames.List, EncodeScalarList(l)),
        AoBinary b => (AoTypeNames.Binary, b.ToArray()),
        _ => throw new CodecException($"a {value.TypeName} cannot be encoded as a single typed value"),
    };

    /// <summary>Decodes a typed binary back to its value (HyperBEAM's <c>decode_value</c>).</summary>
    public static AoValue DecodeValue(string type, AoBinary value, string key = "value")
    {
        try
        {
            switch (type.ToLowerInvariant())
            {
                case AoTypeNames.Integer:
                    // Plain 64-bit parsing: HyperBEAM writes integers unbounded, beyond the 15 digits of a structured field.
                    return long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                        ? new AoInteger(n)
                        : throw new CodecException($"'{key}' is typed integer but '{value.Text}' is not one");
                case AoTypeNames.Float:
                    return ErlangFloat.TryParse(value.Text, out var d)
                        ? new AoFloat(d)
                        : throw new CodecException($"'{key}' is typed float but '{value.Text}' is not one");
                case AoTypeNames.Atom:
                    return StructuredFieldParser.ParseItem(SfText.Latin1(value.Span)).Value switch
                    {
                        SfString { Value.Length: 0 } => throw new CodecException($"'{key}' is typed atom but its name is empty"),
                        SfString s => AoAtom.Of(Encoding.UTF8.GetString(SfText.FromLatin1(s.Value))),
                        SfToken t => AoAtom.Of(t.Value),
                        SfBoolean bo => bo.Value ? AoAtom.True : AoAtom.False,
                        _ => throw new CodecException($"'{key}' is typed atom but '{value.Text}' is not a string"),
                    };
                case AoTypeNames.List:
                    return DecodeScalarList(value.Span, key);
                case AoTypeNames.Binary:
                    return value;
                default:
                    throw new CodecException($"'{key}' has the unknown ao-type '{type}'");
            }
        }
        catch (StructuredFieldException e)
        {
            throw new CodecException($"'{key}' is typed {type} but its value does not parse: {e.Message}", e);
        }
    }

    private static bool NeedsNumberedMessage(AoList list)
    {
        // HyperBEAM numbers a list when its head is a message or list; any nested message anywhere forces it here
        // too, since a message cannot travel inside a structured-field string.
        foreach (var item in list)
            if (item is Message) return true;
        return list[0] is AoList;
    }

    private static byte[] EncodeScalarList(AoList list)
    {
        var output = new List<byte>();
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) { output.Add((byte)','); output.Add((byte)' '); }
            if (list[i] is AoBinary b)
            {
                SfText.AppendQuoted(output, b.Span);
                continue;
            }
            var (type, encoded) = EncodeValue(list[i]);
            var inner = new List<byte>(encoded.Length + 16);
            inner.AddRange(Encoding.ASCII.GetBytes($"(ao-type-{type}) "));
            inner.AddRange(encoded);
            SfText.AppendQuoted(output, inner.ToArray());
        }
        return output.ToArray();
    }

    private static AoList DecodeScalarList(ReadOnlySpan<byte> encoded, string key)
    {
        if (QuotedListReader.TryRead(encoded, key) is { } strings)
        {
            var values = new AoValue[strings.Count];
            for (var i = 0; i < values.Length; i++) values[i] = DecodeListString(strings[i], key);
            return new AoList(values);
        }
        var members = StructuredFieldParser.ParseList(SfText.Latin1(encoded));
        var items = new List<AoValue>(members.Count);
        foreach (var member in members)
        {
            if (member is not SfItem item) throw new CodecException($"'{key}' is typed list but holds an inner list");
            items.Add(item.Value switch
            {
                SfString s => DecodeListString(SfText.FromLatin1(s.Value), key),
                SfInteger n => new AoInteger(n.Value),
                SfDecimal m => new AoFloat((double)m.Value),
                SfBoolean bo => bo.Value ? AoAtom.True : AoAtom.False,
                SfToken t => AoAtom.Of(t.Value),
                SfByteSequence bytes => new AoBinary(bytes.Value),
                _ => throw new CodecException($"'{key}' holds an unsupported list item"),
            });
        }
        return new AoList(items);
    }

    private static AoValue DecodeListString(byte[] raw, string key)
    {
        ReadOnlySpan<byte> prefix = "(ao-type-"u8;
        if (!raw.AsSpan().StartsWith(prefix)) return new AoBinary(raw);
        var rest = raw.AsSpan(prefix.Length);
        var close = rest.IndexOf(") "u8);
        if (close < 0) throw new CodecException($"'{key}' has a list item with a malformed (ao-type-…) prefix");
        var type = Encoding.ASCII.GetString(rest[..close]);
        return DecodeValue(type, AoBinary.Copy(rest[(close + 2)..]), key);
    }

    private static byte[] EncodeAoTypes(List<(string Key, string Type)> types)
    {
        // Entries follow the message's own key order, as HyperBEAM folds over sorted keys.
        var output = new List<byte>();
        for (var i = 0; i < types.Count; i++)
        {
            if (i > 0) { output.Add((byte)','); output.Add((byte)' '); }
            output.AddRange(Encoding.UTF8.GetBytes(KeyEscape.Encode(types[i].Key)));
            output.Add((byte)'=');
            SfText.AppendQuoted(output, Encoding.UTF8.GetBytes(types[i].Type));
        }
        return output.ToArray();
    }

    private static Dictionary<string, string> ParseAoTypes(AoBinary raw)
    {
        SfDictionary dictionary;
        try
        {
            dictionary = StructuredFieldParser.ParseDictionary(raw.Text);
        }
        catch (StructuredFieldException e)
        {
            throw new CodecException($"ao-types is not a structured-field dictionary: {e.Message}", e);
        }
        var types = new Dictionary<string, string>(dictionary.Count, StringComparer.Ordinal);
        foreach (var (key, member) in dictionary)
        {
            var type = member is SfItem { Value: SfString s } ? s.Value
                : member is SfItem { Value: SfToken t } ? t.Value
                : throw new CodecException($"ao-types entry '{key}' is not a string");
            types[MessageKeys.Normalize(KeyEscape.Decode(key))] = type;
        }
        return types;
    }

    private static AoList ToOrderedList(Message numbered, string key)
    {
        var items = new AoValue[numbered.Count];
        foreach (var (k, v) in numbered.Entries)
        {
            if (!int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > items.Length)
                throw new CodecException($"list '{key}' has the key '{k}'; a list needs the keys 1..{items.Length}");
            items[n - 1] = v;
        }
        return new AoList(items);
    }
}
