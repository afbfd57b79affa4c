using System.Diagnostics;
using System.Runtime.CompilerServices;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Tracing;

/// <summary>
/// The trace a process command was sent in, so the entity and the compute worker can parent their spans to it.
/// Kept beside the command (by reference, weakly) rather than in it: the commands' wire formats are fixed and shared
/// across the cluster, and a span only needs a parent within one process. A command delivered to another node, or
/// sent outside any trace, arrives without one and its span starts a trace of its own.
/// </summary>
public static class ProcessTraceContext
{
    private static readonly ConditionalWeakTable<IProcessCommand, StrongBox<ActivityContext>> Parents = new();

    /// <summary>Remembers the current activity (if any) as the parent of the spans <paramref name="command"/> causes.</summary>
    public static void Capture(IProcessCommand command)
    {
        if (Activity.Current is { } current) Parents.AddOrUpdate(command, new StrongBox<ActivityContext>(current.Context));
    }

    /// <summary>The trace <paramref name="command"/> was sent in, or the default context (no parent).</summary>
    public static ActivityContext ParentOf(object command) =>
        command is IProcessCommand c && Parents.TryGetValue(c, out var parent) ? parent.Value : default;
}
