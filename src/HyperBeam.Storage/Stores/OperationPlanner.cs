namespace HyperBeam.Storage;

/// <summary>
/// The shared semantics of mutations, so every backend agrees on them: a write or link lands beneath the
/// resolved parent and replaces a value or link but never a group; a group is made at the resolved path.
/// </summary>
internal static class OperationPlanner
{
    /// <summary>The resolved mutation, or null when there is nothing to do.</summary>
    public static PlannedOperation? Plan(StoreOperation operation, IStoreNodes nodes, int maxHops, string storeName, bool directHitsAreResolved)
    {
        switch (operation)
        {
            case StoreOperation.Write write:
            {
                var target = LinkResolver.ResolveParent(nodes, write.Path, maxHops, storeName, directHitsAreResolved);
                RefuseGroup(nodes, target, storeName, "a value");
                return new PlannedOperation(PlannedKind.Value, target, write.Value);
            }
            case StoreOperation.MakeGroup group:
            {
                var target = LinkResolver.Resolve(nodes, group.Path, maxHops, storeName, directHitsAreResolved);
                return nodes.Peek(target).Kind switch
                {
                    StoreNodeKind.Group => null,
                    StoreNodeKind.Missing => new PlannedOperation(PlannedKind.Group, target),
                    _ => throw new StoreException(storeName, group.Path, StoreErrorKind.NotAGroup,
                        $"cannot make a group: '{target}' holds a value"),
                };
            }
            case StoreOperation.MakeLink link:
            {
                if (link.Existing == link.Link) return null;
                var target = LinkResolver.ResolveParent(nodes, link.Link, maxHops, storeName, directHitsAreResolved);
                // Through a linked parent the new link can land on its own target: that would be a one-hop cycle.
                if (target == link.Existing) return null;
                RefuseGroup(nodes, target, storeName, "a link");
                return new PlannedOperation(PlannedKind.Link, target, LinkTarget: link.Existing);
            }
            default:
                throw new ArgumentException($"unknown store operation {operation.GetType().Name}", nameof(operation));
        }
    }

    /// <summary>
    /// Creates the missing groups of <paramref name="path"/> (itself included) through <paramref name="putGroup"/>;
    /// a value on the way is an error.
    /// </summary>
    public static void EnsureGroups(IStoreNodes nodes, StorePath path, Action<StorePath> putGroup, string storeName)
    {
        var creating = false;
        for (var depth = 1; depth <= path.Depth; depth++)
        {
            var prefix = path.Prefix(depth);
            // Below a missing group everything is missing too: no need to look.
            if (creating)
            {
                putGroup(prefix);
                continue;
            }
            switch (nodes.Peek(prefix).Kind)
            {
                case StoreNodeKind.Group:
                    continue;
                case StoreNodeKind.Missing:
                    putGroup(prefix);
                    creating = true;
                    continue;
                default:
                    throw new StoreException(storeName, path, StoreErrorKind.NotAGroup,
                        $"'{prefix}' holds a value or link, so nothing can be made beneath it");
            }
        }
    }

    private static void RefuseGroup(IStoreNodes nodes, StorePath target, string storeName, string what)
    {
        if (nodes.Peek(target).Kind == StoreNodeKind.Group)
            throw new StoreException(storeName, target, StoreErrorKind.IsAGroup,
                $"cannot replace a group with {what}; the group's children would be orphaned");
    }
}
