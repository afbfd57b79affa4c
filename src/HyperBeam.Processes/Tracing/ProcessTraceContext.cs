using System.Diagnostics;
using System.Runtime.CompilerServices;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Tracing;

/// <summary>
/// The trace a process command was sent in, so the entity and the compute worker can parent their spans to it.
/// Kept beside the command (by reference, weakly) rather than in the record: the records stay plain data. A command
/// that crosses nodes carries it as a W3C <c>traceparent</c> in its wire form (the cluster's serializer writes it
/// with <see cref="ParentOf"/> and re-attaches it on arrival with <see cref="Attach"/>); a command sent outside any
/// trace has none and its span starts a trace of its own.
/// </summary>
public static class ProcessTraceContext
{
    private static readonly ConditionalWeakTable<IProcessCommand, StrongBox<ActivityContext>> Parents = new();

    /// <summary>Remembers the current activity (if any) as the parent of the spans <paramref name="command"/> causes.</summary>
    public static void Capture(IProcessCommand command)
    {
        if (Activity.Current is { } current) Parents.AddOrUpdate(command, new StrongBox<ActivityContext>(current.Context));
    }

    /// <summary>Sets the parent of the spans <paramref name="command"/> causes (a command that arrived from another node).</summary>
    public static void Attach(IProcessCommand command, ActivityContext parent)
    {
        if (parent != default) Parents.AddOrUpdate(command, new StrongBox<ActivityContext>(parent));
    }

    /// <summary>The trace <paramref name="command"/> was sent in, or the default context (no parent).</summary>
    public static ActivityContext ParentOf(object command) =>
        command is IProcessCommand c && Parents.TryGetValue(c, out var parent) ? parent.Value : default;
}
