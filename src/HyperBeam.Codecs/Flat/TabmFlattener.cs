using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Flat;

/// <summary>TABM → flat map (<c>dev_codec_flat:to/1</c>): every binary under its <c>a/b/c</c> path.</summary>
internal static class TabmFlattener
{
    public static SortedDictionary<string, AoBinary> Flatten(Message tabm)
    {
        ArgumentNullException.ThrowIfNull(tabm);
        var flat = new SortedDictionary<string, AoBinary>(MessageKeys.Order);
        Add(flat, tabm, prefix: "", depth: 1);
        return flat;
    }

    private static void Add(SortedDictionary<string, AoBinary> flat, Message tabm, string prefix, int depth)
    {
        foreach (var (key, value) in tabm.Entries)
        {
            // HyperBEAM would fold such a key into the path (a key "x/y" lands at x → y, an empty key vanishes
            // into its parent's path), so the flat map would decode to a different message. Refuse instead.
            if (key.Length == 0)
                throw new CodecException($"flat@1.0 cannot carry the empty key under '{prefix}': a path segment cannot be empty");
            if (key.Contains(FlatPath.Separator))
                throw new CodecException($"flat@1.0 cannot carry the key '{prefix}{key}': '/' separates path segments");
            var path = prefix + key;
            switch (value)
            {
                case AoBinary binary:
                    flat.Add(path, binary);
                    break;
                case Message { IsEmpty: true }:
                    // As in HyperBEAM, an empty nested map has no leaf, so it leaves no path and vanishes.
                    // structured@1.0 never puts one in a TABM: it records the key as "empty-message" in ao-types.
                    break;
                case Message nested:
                    if (depth >= CodecLimits.MaxDepth)
                        throw new CodecException($"'{path}' nests messages deeper than {CodecLimits.MaxDepth} levels");
                    Add(flat, nested, path + FlatPath.Separator, depth + 1);
                    break;
                default:
                    throw new CodecException(
                        $"TABM key '{path}' holds a {value.TypeName}; a TABM holds only binaries and messages (use Encode for a rich message)");
            }
        }
    }
}
