using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Protocol;

/// <summary>
/// Evaluates <paramref name="Request"/> (its key <paramref name="Key"/>, e.g. <c>compute</c> with aoconnect's tags) on
/// the process's latest computed state with <paramref name="Device"/> swapped in, on the process's own compute worker:
/// devices that keep state outside the message (a Lua VM, an AOS instance's memory) run it on a fork of their live
/// state, and nothing is applied, scheduled or stored. The entity forwards it to its compute child, keeping the sender.
/// Replies <see cref="DryRunEvaluated"/> or <see cref="ProcessCommandFailed"/>.
/// </summary>
public sealed record DryRun(string ProcessId, string Key, Message Request, string Device) : IProcessCommand;

/// <summary>
/// What a <see cref="DryRun"/> resolved to on the state after <paramref name="Slot"/>: the resolve status by name
/// (<c>Ok</c>, <c>Error</c>, …), the value, and the error message when there is one.
/// </summary>
public sealed record DryRunEvaluated(string ProcessId, long Slot, string Status, AoValue Value, string? Error);
