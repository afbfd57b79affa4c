using Akka.Actor;
using Akka.Event;
using HyperBeam.Cluster.Storage.Protocol;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Storage;

/// <summary>
/// One per node, at <see cref="Path"/>: keeps the copies other nodes' shards send it, and hands out what it holds
/// under a key when a shard that lost its data read-repairs.
/// </summary>
public sealed class StoreReplica : ReceiveActor
{
    public const string Name = "hyperbeam-store-replica";

    public static readonly string Path = "/user/" + Name;

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public StoreReplica(StoreBackend backend)
    {
        ReceiveAsync<ReplicaApply>(async apply =>
        {
            var sender = Sender;
            try
            {
                await backend.Store.ApplyAsync(StoreChange.ToBatch(apply.Changes));
                sender.Tell(new ReplicaApplied(apply.Key));
            }
            catch (Exception e) when (e is StoreException or InvalidStorePathException)
            {
                _log.Warning("Store replica could not keep a copy of {0}: {1}", apply.Key, e.Message);
                sender.Tell(new StoreFailed(apply.Key, e.Message));
            }
        });
        ReceiveAsync<ReplicaExport>(async export =>
        {
            var sender = Sender;
            try
            {
                sender.Tell(new ReplicaExported(export.Key, await StoreExport.ExportAsync(backend.Store, export.Key, CancellationToken.None)));
            }
            catch (Exception e) when (e is StoreException or InvalidStorePathException)
            {
                sender.Tell(new StoreFailed(export.Key, e.Message));
            }
        });
    }

    public static Props Props(StoreBackend backend) => Akka.Actor.Props.Create(() => new StoreReplica(backend));

    public static ActorSelection At(ActorSystem system, Address node) =>
        system.ActorSelection(new RootActorPath(node) / "user" / Name);
}
