using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Flat;

/// <summary>
/// Flat map → TABM (<c>dev_codec_flat:from/1</c>): each <c>a/b/c</c> path becomes nested messages. A path that
/// runs into or through another path's value is a collision, which HyperBEAM also refuses (it throws).
/// </summary>
internal static class TabmUnflattener
{
    public static Message Unflatten(IReadOnlyDictionary<string, AoBinary> flat, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.None;
        ArgumentNullException.ThrowIfNull(flat);
        // A message under construction: key → AoBinary leaf or a further such dictionary.
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (path, value) in flat)
        {
            ArgumentNullException.ThrowIfNull(value);
            var segments = FlatPath.Segments(path);
            if (segments.Length == 0)
                throw new CodecException($"flat key '{path}' names no path: it is empty or only '/'");
            if (segments.Length > CodecLimits.MaxDepth)
                throw new CodecException($"flat key '{Shorten(path)}' nests deeper than {CodecLimits.MaxDepth} levels");
            var node = root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                var key = KeyOf(segments[i], path);
                if (!node.TryGetValue(key, out var child))
                    node[key] = child = new Dictionary<string, object>(StringComparer.Ordinal);
                node = child as Dictionary<string, object> ?? throw Collision(path, segments, i + 1);
            }
            var leaf = KeyOf(segments[^1], path);
            if (!node.TryAdd(leaf, value)) throw Collision(path, segments, segments.Length);
        }
        return Build(root, limits);
    }

    private static string KeyOf(string segment, string path)
    {
        var key = MessageKeys.Normalize(segment);
        // A private key never travels; accepting one would let the sender write node-private state.
        if (MessageKeys.IsPrivate(key))
            throw new CodecException($"flat key '{path}' names the private key '{key}', which never travels in a message");
        return key;
    }

    private static CodecException Collision(string path, string[] segments, int length) =>
        new($"flat key '{path}' collides at '{string.Join(FlatPath.Separator, segments[..length])}' with another key's value");

    private static Message Build(Dictionary<string, object> node, DecodeLimits limits)
    {
        limits.Count(node.Count);
        var builder = limits.NewMessage();
        foreach (var (key, child) in node)
            builder.Set(key, child is Dictionary<string, object> nested ? Build(nested, limits) : (AoBinary)child);
        return builder.Build();
    }

    private static string Shorten(string path) => path.Length <= 80 ? path : path[..80] + "…";
}
