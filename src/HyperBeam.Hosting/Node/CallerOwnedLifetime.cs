using Microsoft.Extensions.Hosting;

namespace HyperBeam.Hosting.Node;

/// <summary>
/// The lifetime of a stand-alone node's host: it listens for no signals. Whoever started the node owns the process
/// (<c>hb run</c> stops it on SIGINT/SIGTERM, a test disposes it). The default console lifetime would stop the host
/// from inside its own start-up when a signal arrives early, tearing the actor system down while the node's actors
/// are still being created. The host still stops when its actor system dies (Akka.Hosting asks it to).
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
