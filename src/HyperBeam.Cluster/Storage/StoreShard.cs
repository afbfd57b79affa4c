using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using HyperBeam.Cluster.Storage.Protocol;
using HyperBeam.Storage;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HyperBeam.Cluster.Storage;

/// <summary>
/// The entity of the <c>store</c> shard region: owns every key whose hash falls in its shard. Reads go through a
/// small LRU to this node's backend; writes go to the backend and to R−1 replicas on other nodes before they are
/// acknowledged. After the shard moves (its node left or died) the new owner's backend may lack a key: the first
/// miss of each key asks the other nodes for it and keeps what they hold (read-repair).
/// Commands are handled one at a time, so a write is never overtaken by a read of the same shard.
/// </summary>
public sealed class StoreShard : ReceiveActor
{
    /// <summary>Keys whose repair was tried by this incarnation are remembered up to this many, then forgotten.</summary>
    private const int MaxRepairedKeys = 100_000;

    private readonly StoreBackend _backend;
    private readonly ValueCache _cache;
    private readonly HashSet<string> _repairTried = [];
    private readonly AkkaCluster _cluster = AkkaCluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ActorSystem _system = Context.System;

    public StoreShard(StoreBackend backend)
    {
        _backend = backend;
        _cache = new ValueCache(backend.Options.LruEntries);
        ReceiveAsync<StoreQuery>(OnQueryAsync);
        ReceiveAsync<StoreApply>(OnApplyAsync);
    }

    public static Props Props(StoreBackend backend) => Akka.Actor.Props.Create(() => new StoreShard(backend));

    private IStore Store => _backend.Store;

    private async Task OnQueryAsync(StoreQuery query)
    {
        var sender = Sender;
        try
        {
            var path = StorePath.Parse(query.Path);
            var reply = await AnswerAsync(query, path);
            if (reply is StoreAnswer { Type: StoreEntryType.NotFound } && await RepairAsync(query.Key))
                reply = await AnswerAsync(query, path);
            sender.Tell(reply);
        }
        catch (Exception e) when (e is StoreException or InvalidStorePathException)
        {
            sender.Tell(new StoreFailed(query.Key, e.Message));
        }
    }

    private async Task<IStoreWireMessage> AnswerAsync(StoreQuery query, StorePath path)
    {
        var resolved = await Store.ResolveAsync(path);
        if (StoreKeys.KeyOf(resolved) != query.Key) return new StoreRedirect(resolved.ToString());
        var at = resolved.ToString();
        switch (query.Kind)
        {
            case StoreQueryKind.Read:
                if (_cache.TryGet(at, out var cached)) return new StoreAnswer(StoreEntryType.Simple, at, cached);
                if (await Store.ReadAsync(resolved) is { } value)
                {
                    _cache.Put(at, value);
                    return new StoreAnswer(StoreEntryType.Simple, at, value);
                }
                return new StoreAnswer(await Store.TypeAsync(resolved), at);
            case StoreQueryKind.List:
                var names = await Store.ListAsync(resolved);
                return names is null
                    ? new StoreAnswer(await Store.TypeAsync(resolved), at)
                    : new StoreAnswer(StoreEntryType.Composite, at, Names: [.. names]);
            default:
                return new StoreAnswer(await Store.TypeAsync(resolved), at);
        }
    }

    private async Task OnApplyAsync(StoreApply apply)
    {
        var sender = Sender;
        try
        {
            await Store.ApplyAsync(StoreChange.ToBatch(apply.Changes));
        }
        catch (Exception e) when (e is StoreException or InvalidStorePathException)
        {
            sender.Tell(new StoreFailed(apply.Key, e.Message));
            return;
        }
        Forget(apply.Changes);

        var wanted = _backend.Options.Replicas - 1;
        var replicas = ReplicaPlacement.Choose(apply.Key, OtherUpNodes(), wanted);
        var acks = await Task.WhenAll(replicas.Select(node => AskAsync<ReplicaApplied>(node, new ReplicaApply(apply.Key, apply.Changes))));
        var copies = 1 + acks.Count(a => a is not null);
        if (copies < Math.Min(_backend.Options.Replicas, 1 + OtherUpNodes().Count()))
            _log.Warning("Store key {0} is on {1} node(s), fewer than the {2} wanted: a replica did not acknowledge", apply.Key, copies, _backend.Options.Replicas);
        sender.Tell(new StoreApplied(apply.Key, copies));
    }

    /// <summary>
    /// Asks every other node for what it holds under the key and keeps it. True when anything arrived. Tried once
    /// per key and incarnation: later writes of the key come through this shard anyway.
    /// </summary>
    private async Task<bool> RepairAsync(string key)
    {
        if (_repairTried.Count >= MaxRepairedKeys) _repairTried.Clear();
        if (!_repairTried.Add(key)) return false;
        var exports = await Task.WhenAll(OtherUpNodes().Select(node => AskAsync<ReplicaExported>(node, new ReplicaExport(key))));
        var found = false;
        foreach (var export in exports)
        {
            if (export is not { Changes.Length: > 0 }) continue;
            try
            {
                await Store.ApplyAsync(StoreChange.ToBatch(export.Changes));
                found = true;
            }
            catch (Exception e) when (e is StoreException or InvalidStorePathException)
            {
                _log.Warning("Read-repair of store key {0} could not apply a copy: {1}", key, e.Message);
            }
        }
        if (found)
        {
            _cache.Clear();
            _log.Info("Read-repaired store key {0} from {1} node(s)", key, exports.Count(e => e is { Changes.Length: > 0 }));
        }
        return found;
    }

    private void Forget(ImmutableArray<StoreChange> changes)
    {
        // A new link can redirect any cached path below it; plain writes only replace their own path.
        if (changes.Any(c => c.Kind != StoreChangeKind.Write)) _cache.Clear();
        else foreach (var change in changes) _cache.Remove(change.Path);
    }

    private IEnumerable<Address> OtherUpNodes() =>
        _cluster.State.Members.Where(m => m.Status == Akka.Cluster.MemberStatus.Up && !m.Address.Equals(_cluster.SelfAddress)).Select(m => m.Address);

    /// <summary>The reply, or null when the node did not answer in time or answered with a failure.</summary>
    private async Task<T?> AskAsync<T>(Address node, object message) where T : class
    {
        try
        {
            return await StoreReplica.At(_system, node).Ask(message, _backend.Options.AskTimeout) as T;
        }
        catch (AskTimeoutException)
        {
            _log.Warning("Store replica on {0} did not answer {1} within {2}", node, message.GetType().Name, _backend.Options.AskTimeout);
            return null;
        }
    }
}
