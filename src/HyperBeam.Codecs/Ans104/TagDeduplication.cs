using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// Tags → message keys as HyperBEAM's <c>deduplicating_from_list</c>: names are normalised (lower-cased), and a
/// name that repeats collects its values, in order, into a structured-field list of strings (<c>"a", "b"</c>).
/// </summary>
internal static class TagDeduplication
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static List<(string Key, AoBinary Value)> Apply(IEnumerable<DataItemTag> tags)
    {
        var order = new List<string>();
        var values = new Dictionary<string, List<ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var key = MessageKeys.Normalize(NameText(tag.Name.Span));
            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
                order.Add(key);
            }
            list.Add(tag.Value);
        }
        return order.Select(k => (k, values[k].Count == 1 ? new AoBinary(values[k][0].ToArray()) : QuotedList(values[k]))).ToList();
    }

    /// <summary>A tag name as text; message keys are text, so a name that is not UTF-8 cannot become one.</summary>
    public static string NameText(ReadOnlySpan<byte> name)
    {
        try
        {
            return StrictUtf8.GetString(name);
        }
        catch (DecoderFallbackException e)
        {
            throw new CodecException($"ans104: the tag name '{Encoding.UTF8.GetString(name)}' is not UTF-8 and cannot be a message key", e);
        }
    }

    /// <summary>True when every name is already in normal form, so no record of the original names is needed.</summary>
    public static bool AreNormal(IEnumerable<DataItemTag> tags) =>
        tags.All(t => NameText(t.Name.Span) is var name && MessageKeys.Normalize(name) == name);

    private static AoBinary QuotedList(List<ReadOnlyMemory<byte>> values)
    {
        // hb_structured_fields escapes only '\' and '"' inside strings; every other byte passes through.
        var output = new List<byte>();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) output.AddRange(", "u8);
            output.Add((byte)'"');
            foreach (var b in values[i].Span)
            {
                if (b is (byte)'\\' or (byte)'"') output.Add((byte)'\\');
                output.Add(b);
            }
            output.Add((byte)'"');
        }
        return new AoBinary(output.ToArray());
    }
}
