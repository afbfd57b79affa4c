using System.Text;
using System.Text.Json;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// The bundle-map manifest of HyperBEAM's nested items: a JSON object from key to the item's unsigned ID, written
/// as OTP's <c>json:encode</c> writes it (HyperBEAM uses it through <c>hb_json</c>), since the manifest's bytes are
/// part of the parent's ID: no whitespace, keys in the map's order, only <c>"</c>, <c>\</c> and control characters
/// escaped (\b \t \n \f \r, else \u00XX in upper-case hex), all other UTF-8 as is.
/// </summary>
internal static class ManifestJson
{
    public static byte[] Encode(IEnumerable<(string Key, string Id)> entries)
    {
        var output = new StringBuilder("{");
        var first = true;
        foreach (var (key, id) in entries)
        {
            if (!first) output.Append(',');
            first = false;
            AppendString(output, key);
            output.Append(':');
            AppendString(output, id);
        }
        return Encoding.UTF8.GetBytes(output.Append('}').ToString());
    }

    /// <summary>The manifest's entries; anything but an object of strings is a <see cref="CodecException"/>.</summary>
    public static List<(string Key, string Id)> Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new CodecException("ans104 bundle-map manifest: not a JSON object");
            var entries = new List<(string, string)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                    throw new CodecException($"ans104 bundle-map manifest: the entry '{property.Name}' is not a string ID");
                entries.Add((property.Name, property.Value.GetString()!));
            }
            return entries;
        }
        catch (JsonException e)
        {
            throw new CodecException($"ans104 bundle-map manifest: not JSON ({e.Message})", e);
        }
    }

    private static void AppendString(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                case < ' ': output.Append("\\u00").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: output.Append(c); break;
            }
        }
        output.Append('"');
    }
}
