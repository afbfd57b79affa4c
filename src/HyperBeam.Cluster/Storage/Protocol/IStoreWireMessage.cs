namespace HyperBeam.Cluster.Storage.Protocol;

/// <summary>Marks the store protocol's messages, which cross nodes in MessageBinary form (see cluster.hocon).</summary>
public interface IStoreWireMessage;

/// <summary>A command for the shard that owns <see cref="Key"/> (see <see cref="StoreKeys"/>).</summary>
public interface IStoreShardCommand : IStoreWireMessage
{
    string Key { get; }
}
