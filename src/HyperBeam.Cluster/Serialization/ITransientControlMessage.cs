namespace HyperBeam.Cluster.Serialization;

/// <summary>
/// Marks internal control messages that live only as long as a conversation between nodes and are never
/// persisted: they go through Hyperion (unsafe types refused), not the versioned wire format.
/// </summary>
public interface ITransientControlMessage;
