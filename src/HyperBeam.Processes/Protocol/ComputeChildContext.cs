using Akka.Actor;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Protocol;

/// <summary>
/// What a <c>ProcessEntity</c> hands the compute child it creates: the process ID, the process message (the body of
/// slot 0) and the entity itself, which the child asks for assignments with <see cref="GetSchedule"/>.
/// The entity forwards every <see cref="Compute"/> to the child, keeping the original sender.
/// </summary>
public sealed record ComputeChildContext(string ProcessId, Message Process, IActorRef Scheduler);

/// <summary>Creates the compute child of a process entity (supplied by the compute side when the node is wired).</summary>
public delegate Props ComputeChildFactory(ComputeChildContext context);
