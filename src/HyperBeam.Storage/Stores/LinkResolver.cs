namespace HyperBeam.Storage;

/// <summary>
/// Follows links segment by segment, as HyperBEAM's stores do: <c>a/b/c</c> with <c>a/b → x</c> reads
/// <c>x/c</c>, and a link's target may itself run through links. Every hop counts against one budget per call,
/// so a cycle ends in a clear error instead of a stack overflow.
/// </summary>
internal static class LinkResolver
{
    public static StorePath Resolve(IStoreNodes nodes, StorePath path, int maxHops, string storeName)
    {
        var hops = 0;
        return Resolve(nodes, path, maxHops, storeName, path, ref hops);
    }

    /// <summary>The path with its parent resolved and its last segment kept: where a write to it lands.</summary>
    public static StorePath ResolveParent(IStoreNodes nodes, StorePath path, int maxHops, string storeName) =>
        path.Parent is { } parent
            ? Resolve(nodes, parent, maxHops, storeName).AppendTrusted(path.Name)
            : path;

    private static StorePath Resolve(IStoreNodes nodes, StorePath path, int maxHops, string storeName, StorePath original, ref int hops)
    {
        StorePath? current = null;
        foreach (var segment in path.Segments)
        {
            var candidate = current is null ? StorePath.Of(segment) : current.AppendTrusted(segment);
            var node = nodes.Peek(candidate);
            if (node.Kind == StoreNodeKind.Link)
            {
                if (++hops > maxHops)
                    throw new StoreException(storeName, original, StoreErrorKind.LinkDepthExceeded,
                        $"following links took more than {maxHops} hops (last at '{candidate}' → '{node.Target}'); the links form a cycle or a chain too long");
                current = Resolve(nodes, node.Target!, maxHops, storeName, original, ref hops);
            }
            else
            {
                current = candidate;
            }
        }
        return current!;
    }
}
