using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Hosting.Modules.Observability;
using HyperBeam.Hosting.Node;
using HyperBeam.Http;
using HyperBeam.Http.Singleton;
using HyperBeam.Processes.Protocol;
using HyperBeam.Storage.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Hosting;

/// <summary>The node's <see cref="IHyperBeamClient"/>; the process gateway is the one the process layer registers, if any.</summary>
public sealed class HyperBeamClient : IHyperBeamClient
{
    private readonly NodeCore _core;
    private readonly IServiceProvider? _services;
    private readonly Lazy<IResolutionCache> _cache;

    public HyperBeamClient(NodeCore core, IServiceProvider? services = null, ILoggerFactory? loggers = null)
    {
        _core = core;
        _services = services;
        _cache = new Lazy<IResolutionCache>(() =>
            new CountingResolutionCache(new StoreResolutionCache(core.Cache, loggers?.CreateLogger<StoreResolutionCache>())));
    }

    public Task<ResolveResult> ResolveAsync(string path, CancellationToken cancellationToken = default) =>
        ResolveAsync(Message.Of(("path", path)), cancellationToken);

    public Task<ResolveResult> ResolveAsync(Message request, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ResolveInput> steps;
        try
        {
            steps = SingletonParser.Parse(request, _core.Options.Limits);
        }
        catch (SingletonParseException e)
        {
            return Task.FromResult(new ResolveResult(ResolveStatus.Error, Message.Of(("status", 400), ("body", $"bad request path: {e.Message}")), e.Message));
        }
        return ResolveAsync(steps, cancellationToken);
    }

    public async Task<ResolveResult> ResolveAsync(IReadOnlyList<ResolveInput> steps, CancellationToken cancellationToken = default)
    {
        var limits = _core.Options.Limits;
        var options = new ResolveOptions { Node = _core.State.Current, Cache = _cache.Value, MaxDepth = limits.MaxNestingDepth, MaxKeyBytes = limits.MaxSegmentBytes };
        // A unique key: C# callers share results through the cache, not by joining each other's runs.
        var job = new ResolveJob(steps, "client:" + Guid.NewGuid().ToString("N"), options);
        var outcome = await Queue.ResolveAsync(job, cancellationToken).ConfigureAwait(false);
        return outcome?.Result ?? ResolveResult.Unavailable("the node is busy; try again shortly");
    }

    /// <summary>The node's one resolve queue (the HTTP pipeline's too); there is none before the node has started.</summary>
    private ResolveQueue Queue => _core.IsStarted && _services is not null
        ? _services.GetRequiredService<ResolveQueue>()
        : throw new InvalidOperationException("the node's actor system has not started yet");

    public async Task<ScheduleResult> ScheduleAsync(string processId, Message message, CancellationToken cancellationToken = default)
    {
        if (_services?.GetService<IProcessGateway>() is not { } gateway)
            return ScheduleResult.Failed(503, "this node runs no processes (no IProcessGateway is registered)");
        return await gateway.AskAsync(new Schedule(processId, message), cancellationToken).ConfigureAwait(false) switch
        {
            Scheduled scheduled => ScheduleResult.Of(scheduled),
            ProcessCommandFailed failed => ScheduleResult.Failed(failed.Status, failed.Reason),
            var other => ScheduleResult.Failed(500, $"unexpected reply {other.GetType().Name}"),
        };
    }
}
