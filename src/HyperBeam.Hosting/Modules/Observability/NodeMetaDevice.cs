using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Node;

namespace HyperBeam.Hosting.Modules.Observability;

/// <summary>
/// <c>meta@1.0</c> with the node's introspection keys beside its own (<c>info</c>, <c>build</c>):
/// <list type="bullet">
/// <item><c>actors</c> — the actor tree under <c>/user</c>, with restart counts and causes.</item>
/// <item><c>processes</c> — processes per node with slot and state size (<see cref="IProcessDirectory"/>; empty without one).</item>
/// <item><c>cluster</c> — members and shard distribution (<see cref="IClusterDirectory"/>; this node alone without one).</item>
/// </list>
/// </summary>
internal sealed class NodeMetaDevice : Device
{
    private static readonly string[] IntrospectionKeys = ["actors", "processes", "cluster"];

    private readonly NodeContext _node;

    public NodeMetaDevice(Device meta, NodeContext node)
        : base(meta.Name, meta.Info with { Exports = meta.Info.Exports is { } exports ? [.. exports, .. IntrospectionKeys] : null })
    {
        _node = node;
        foreach (var key in meta.FunctionKeys)
            if (meta.TryGetFunction(key, out var function)) Map(key, function);
        Map("actors", Actors);
        Map("processes", Processes);
        Map("cluster", Cluster);
    }

    private ValueTask<ResolveResult> Actors(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(ResolveResult.Ok(ActorTreeReader.Read(_node.ActorSystem)));

    private async ValueTask<ResolveResult> Processes(Message @base, Message request, ResolveContext context)
    {
        if (_node.Services.GetService(typeof(IProcessDirectory)) is not IProcessDirectory directory)
            return ResolveResult.Ok(Message.Of(("count", 0), ("processes", AoList.Empty)));
        var processes = await directory.ListAsync(context.CancellationToken).ConfigureAwait(false);
        var items = processes.Select(p => (AoValue)Message.Of(("id", p.ProcessId), ("node", p.Node), ("slot", p.Slot), ("state-bytes", p.StateBytes)));
        return ResolveResult.Ok(Message.Of(("count", processes.Count), ("processes", new AoList(items))));
    }

    private async ValueTask<ResolveResult> Cluster(Message @base, Message request, ResolveContext context)
    {
        var view = _node.Services.GetService(typeof(IClusterDirectory)) is IClusterDirectory directory
            ? await directory.DescribeAsync(context.CancellationToken).ConfigureAwait(false)
            : Alone();
        var members = view.Members.Select(m => (AoValue)Message.Of(
            ("address", m.Address), ("status", m.Status), ("roles", new AoList(m.Roles.Select(r => (AoValue)AoBinary.FromString(r))))));
        var shards = new MessageBuilder();
        foreach (var (region, byMember) in view.ShardsByRegion)
        {
            var counts = new MessageBuilder();
            foreach (var (member, count) in byMember) counts.Set(member, count);
            shards.Set(region, counts.Build());
        }
        return ResolveResult.Ok(Message.Of(("members", new AoList(members)), ("shards", shards.Build())));
    }

    private ClusterView Alone()
    {
        var address = ((Akka.Actor.ExtendedActorSystem)_node.ActorSystem).Provider.DefaultAddress.ToString();
        return new ClusterView([new ClusterMember(address, "up", [])], new Dictionary<string, IReadOnlyDictionary<string, int>>());
    }
}
