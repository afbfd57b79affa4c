using Akka.Actor;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>An <see cref="IProcessGateway"/> that asks an actor (the test region), as the node's gateway asks the shard region.</summary>
internal sealed class ActorGateway(IActorRef region, TimeSpan timeout) : IProcessGateway
{
    public async Task<object> AskAsync(IProcessCommand command, CancellationToken cancellationToken = default)
    {
        try
        {
            return await region.Ask<object>(command, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new ProcessCommandFailed(command.ProcessId, 503, "the process did not answer in time");
        }
    }
}
