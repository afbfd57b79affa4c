using System.Text.Unicode;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Codecs.Json;

/// <summary>
/// How <c>json@1.0</c> carries binaries that are not UTF-8, which a JSON string cannot hold. HyperBEAM has no way:
/// its encoder raises <c>{invalid_byte, B}</c>. Here such a value is written as its standard, padded base64 and
/// its key is recorded in the same object's <c>ao-types</c> as <c>key="base64"</c>. A scalar list holding such a
/// binary (typed <c>list</c>, one structured-field string) is written in the numbered-message form of a list
/// instead, <c>{"1": …, "2": …}</c>, which structured@1.0 already decodes to the same list, and its items are then
/// marked one by one.
/// </summary>
/// <remarks>
/// UTF-8 content is untouched, so such documents are byte-identical to HyperBEAM's. A HyperBEAM node reading a
/// marked document fails loudly on the unknown type rather than misreading it; an object key or nested message can
/// never be mistaken for a mark, because the mark lives in <c>ao-types</c>, which only types ever occupy.
/// </remarks>
internal static class Base64Binaries
{
    public const string TypeName = "base64";

    /// <summary>The TABM with every non-UTF-8 binary replaced by its marked base64 form.</summary>
    public static Message Mark(Message tabm, int depth = 1)
    {
        if (depth > CodecLimits.MaxDepth)
            throw new CodecException($"the message nests deeper than {CodecLimits.MaxDepth} levels");
        MessageBuilder? changed = null;
        List<(string Key, string Type)>? marks = null;
        SfDictionary? types = null;
        foreach (var (key, value) in tabm.Entries)
        {
            AoValue? replacement = null;
            switch (value)
            {
                case AoBinary binary when !Utf8.IsValid(binary.Span):
                    if (key == AoTypeNames.AoTypesKey) throw new CodecException("ao-types is not UTF-8 text");
                    types ??= tabm.Get(AoTypeNames.AoTypesKey) is AoBinary raw ? AoTypesField.Parse(raw) : SfDictionary.Empty;
                    switch (AoTypesField.TypeFor(types, key))
                    {
                        case null:
                            replacement = AoBinary.FromString(Convert.ToBase64String(binary.Span));
                            (marks ??= []).Add((key, TypeName));
                            break;
                        case AoTypeNames.List:
                            var list = (AoList)StructuredCodec.DecodeValue(AoTypeNames.List, binary, key);
                            replacement = Mark(StructuredConversion.ToTabm(list.ToNumberedMessage()), depth + 1);
                            break;
                        case var type:
                            throw new CodecException($"'{key}' is typed {type} but its encoded value is not UTF-8");
                    }
                    break;
                case Message nested:
                    var marked = Mark(nested, depth + 1);
                    if (!ReferenceEquals(marked, nested)) replacement = marked;
                    break;
            }
            if (replacement is null) continue;
            changed ??= tabm.ToBuilder();
            changed.Set(key, replacement);
        }
        if (changed is null) return tabm;
        if (marks is not null)
            changed.Set(AoTypeNames.AoTypesKey, AoTypesField.Append(tabm.Get(AoTypeNames.AoTypesKey) as AoBinary, marks));
        return changed.Build();
    }

    /// <summary>
    /// Undoes <see cref="Mark"/> for one object being read: decodes the values whose keys ao-types marks and
    /// returns ao-types without those entries (null when nothing remains).
    /// </summary>
    public static AoBinary? Unmark(AoBinary aoTypes, MessageBuilder values)
    {
        // Cheap test first: nearly every document has no mark, and then ao-types is left for structured@1.0.
        // (Structured-field strings escape only '\' and '"', so a mark always spells the type name out.)
        if (!aoTypes.Text.Contains(TypeName, StringComparison.OrdinalIgnoreCase)) return aoTypes;
        var types = AoTypesField.Parse(aoTypes);
        var kept = new List<KeyValuePair<string, SfMember>>(types.Count);
        foreach (var entry in types)
        {
            if (AoTypesField.TypeOf(entry.Key, entry.Value) != TypeName)
            {
                kept.Add(entry);
                continue;
            }
            var key = AoTypesField.KeyOf(entry.Key);
            if (!values.TryGet(key, out var value) || value is not AoBinary text)
                throw new CodecException($"ao-types marks '{key}' as base64 but '{key}' is not a string in the object");
            values.Set(key, new AoBinary(DecodeCanonical(text.Text, key)));
        }
        return kept.Count == types.Count ? aoTypes : AoTypesField.Serialize(kept);
    }

    private static byte[] DecodeCanonical(string text, string key)
    {
        var buffer = new byte[text.Length / 4 * 3 + 3];
        // Only the exact output of Convert.ToBase64String is accepted (no whitespace, proper padding), so that
        // one binary has one encoding.
        if (!Convert.TryFromBase64String(text, buffer, out var written) || Convert.ToBase64String(buffer, 0, written) != text)
            throw new CodecException($"'{key}' is marked base64 but is not canonical padded base64");
        return buffer[..written];
    }
}
