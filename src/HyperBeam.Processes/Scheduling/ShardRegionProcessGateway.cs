using Akka.Actor;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tracing;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// <see cref="IProcessGateway"/> over the <c>process</c> shard region: an ask with a timeout. A timeout or a
/// region that is not there yet answers 503, never an exception.
/// </summary>
public sealed class ShardRegionProcessGateway(IActorRef region, TimeSpan timeout) : IProcessGateway
{
    public TimeSpan Timeout { get; } = timeout;

    public async Task<object> AskAsync(IProcessCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
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
