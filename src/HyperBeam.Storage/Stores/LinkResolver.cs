namespace HyperBeam.Storage;

/// <summary>
/// Follows links segment by segment, as HyperBEAM's stores do: <c>a/b/c</c> with <c>a/b → x</c> reads
/// <c>x/c</c>, and a link's target may itself run through links. Every hop counts against one budget per call,
/// so a cycle ends in a clear error instead of a stack overflow.
/// </summary>
internal static class LinkResolver
{
    /// <param name="directHitsAreResolved">
    /// The store guarantees that every segment above an existing entry is a group (see
    /// <see cref="LinkedStore"/>), so a value or group found at the path itself ends the walk at once.
    /// </param>
    public static StorePath Resolve(IStoreNodes nodes, StorePath path, int maxHops, string storeName, bool directHitsAreResolved = false)
    {
        if (directHitsAreResolved && nodes.Peek(path).Kind is StoreNodeKind.Value or StoreNodeKind.Group) return path;
        var hops = 0;
        return Resolve(nodes, path, maxHops, storeName, path, ref hops);
    }

    /// <summary>The path with its parent resolved and its last segment kept: where a write to it lands.</summary>
    public static StorePath ResolveParent(IStoreNodes nodes, StorePath path, int maxHops, string storeName, bool directHitsAreResolved = false) =>
        path.Parent is { } parent
            ? Resolve(nodes, parent, maxHops, storeName, directHitsAreResolved).AppendTrusted(path.Name)
            : path;

    private static StorePath Resolve(IStoreNodes nodes, StorePath path, int maxHops, string storeName, StorePath original, ref int hops)
    {
        StorePath? current = null;
        foreach (var segment in path.Segments)
        {
            var candidate = current is null ? StorePath.OfTrusted(segment) : current.AppendTrusted(segment);
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
