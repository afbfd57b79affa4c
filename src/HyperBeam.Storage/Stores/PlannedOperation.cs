namespace HyperBeam.Storage;

internal enum PlannedKind
{
    Value,
    Group,
    Link,
}

/// <summary>
/// A mutation with its links already resolved: <see cref="Target"/> is where it lands, every existing segment
/// above it being a group. Backends only have to create missing parents and put the entry.
/// </summary>
internal readonly record struct PlannedOperation(PlannedKind Kind, StorePath Target, ReadOnlyMemory<byte> Value = default, StorePath? LinkTarget = null);
