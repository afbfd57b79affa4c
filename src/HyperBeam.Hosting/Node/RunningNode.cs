using Akka.Actor;
using HyperBeam.Core.Nodes;
using HyperBeam.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace HyperBeam.Hosting.Node;

/// <summary>A started node: where it listens, who it is, and how to stop it.</summary>
public sealed class RunningNode(WebApplication app, Uri url, Uri? http2Url, NodeState state, ActorSystem system, HttpClient relayClient,
    StoreChain store) : IAsyncDisposable
{
    public Uri Url { get; } = url;

    /// <summary>The h2c (HTTP/2 prior knowledge) endpoint, when one is configured.</summary>
    public Uri? Http2Url { get; } = http2Url;

    public string? Address => State.Address;

    public NodeState State { get; } = state;

    public ActorSystem ActorSystem { get; } = system;

    public IServiceProvider Services => app.Services;

    /// <summary>The node's store chain (closed when the node is disposed).</summary>
    public StoreChain Store { get; } = store;

    /// <summary>Completes when the node stops (Ctrl-C, SIGTERM, or its actor system shutting down).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        relayClient.Dispose();
        await Store.DisposeAsync();
        State.Wallet?.Dispose();
    }
}
