using HyperBeam.Actors.Protocol;

namespace HyperBeam.Hosting.Node;

/// <summary>The parts of a running node that exist only once its actor system has started.</summary>
public sealed class NodeRuntime
{
    private ResolveQueue? _queue;

    public ResolveQueue Queue => _queue ?? throw new InvalidOperationException("the node's actor system has not started yet");

    internal void Attach(ResolveQueue queue) => _queue = queue;
}
