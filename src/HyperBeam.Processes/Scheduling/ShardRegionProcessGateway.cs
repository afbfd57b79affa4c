using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Processes.Hosting;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tracing;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// <see cref="IProcessGateway"/> over the <c>process</c> shard region, found in the actor system's
/// <see cref="IReadOnlyActorRegistry"/> on every call: the gateway can be handed out (e.g. from the host's container)
/// before the actor system has started, and answers 503 until the region is registered. A timeout answers 503 too,
/// never an exception.
/// </summary>
public sealed class ShardRegionProcessGateway(IReadOnlyActorRegistry actors, TimeSpan timeout) : IProcessGateway
{
    public TimeSpan Timeout { get; } = timeout;

    public async Task<object> AskAsync(IProcessCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!actors.TryGet<ProcessRegion>(out var region))
            return new ProcessCommandFailed(command.ProcessId, 503, "the process scheduler is starting; try again shortly");
        ProcessTraceContext.Capture(command);
        try
        {
            return await region.Ask<object>(command, Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new ProcessCommandFailed(command.ProcessId, 503, $"process {command.ProcessId} did not answer within {Timeout.TotalSeconds:0.#} s");
        }
    }
}
