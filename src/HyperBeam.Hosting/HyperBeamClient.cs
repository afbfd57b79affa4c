using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Hosting.Node;
using HyperBeam.Http.Singleton;
using HyperBeam.Processes.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting;

/// <summary>
/// The node's <see cref="IHyperBeamClient"/>: resolutions enter through the node's one resolve entry
/// (<see cref="NodeResolution"/>), as HTTP requests do but with no one's authority; the process gateway is the
/// one the process layer registers, if any.
/// </summary>
public sealed class HyperBeamClient(NodeCore core, IServiceProvider? services = null) : IHyperBeamClient
{
    public Task<ResolveResult> ResolveAsync(string path, CancellationToken cancellationToken = default) =>
        ResolveAsync(Message.Of(("path", path)), cancellationToken);

    public Task<ResolveResult> ResolveAsync(Message request, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ResolveInput> steps;
        try
        {
            steps = SingletonParser.Parse(request, core.Options.Limits);
        }
        catch (SingletonParseException e)
        {
            return Task.FromResult(new ResolveResult(ResolveStatus.Error, Message.Of(("status", 400), ("body", $"bad request path: {e.Message}")), e.Message));
        }
        return ResolveAsync(request, steps, cancellationToken);
    }

    public Task<ResolveResult> ResolveAsync(IReadOnlyList<ResolveInput> steps, CancellationToken cancellationToken = default) =>
        ResolveAsync(Message.Empty, steps, cancellationToken);

    private async Task<ResolveResult> ResolveAsync(Message request, IReadOnlyList<ResolveInput> steps, CancellationToken cancellationToken)
    {
        // A unique key: C# callers share results through the cache, not by joining each other's runs.
        var outcome = await Resolution.ResolveAsync(request, steps, RequestAuthority.None, "client:" + Guid.NewGuid().ToString("N"), cancellationToken)
            .ConfigureAwait(false);
        return outcome?.Result ?? ResolveResult.Unavailable("the node is busy; try again shortly");
    }

    /// <summary>The node's one resolve entry (the HTTP pipeline's too); there is none before the node has started.</summary>
    private NodeResolution Resolution => core.IsStarted && services is not null
        ? services.GetRequiredService<NodeResolution>()
        : throw new InvalidOperationException("the node's actor system has not started yet");

    public async Task<ScheduleResult> ScheduleAsync(string processId, Message message, CancellationToken cancellationToken = default)
    {
        if (services?.GetService<IProcessGateway>() is not { } gateway)
            return ScheduleResult.Failed(503, "this node runs no processes (no IProcessGateway is registered)");
        return await gateway.AskAsync(new Schedule(processId, message), cancellationToken).ConfigureAwait(false) switch
        {
            Scheduled scheduled => ScheduleResult.Of(scheduled),
            ProcessCommandFailed failed => ScheduleResult.Failed(failed.Status, failed.Reason),
            var other => ScheduleResult.Failed(500, $"unexpected reply {other.GetType().Name}"),
        };
    }
}
