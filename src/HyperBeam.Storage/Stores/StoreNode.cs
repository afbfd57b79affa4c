namespace HyperBeam.Storage;

/// <summary>What a store holds at exactly one path, links not followed.</summary>
internal enum StoreNodeKind
{
    Missing,
    Value,
    Group,
    Link,
}

/// <summary>The entry at one path; <see cref="Target"/> is set for links.</summary>
internal readonly record struct StoreNode(StoreNodeKind Kind, StorePath? Target = null)
{
    public static readonly StoreNode Missing = new(StoreNodeKind.Missing);
    public static readonly StoreNode Value = new(StoreNodeKind.Value);
    public static readonly StoreNode Group = new(StoreNodeKind.Group);

    public static StoreNode LinkTo(StorePath target) => new(StoreNodeKind.Link, target);
}
