using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Hosting;

/// <summary>
/// Talks to the embedded node from C#, without HTTP: resolutions go through the same entry as HTTP requests (the
/// bounded queue, the protocol router, the node message's request and response hooks), with the node's message, cache
/// and limits but no one's authority; scheduling goes to the process's entity.
/// </summary>
public interface IHyperBeamClient
{
    /// <summary>Resolves a path in HyperBEAM's URL grammar, e.g. <c>/~meta@1.0/info</c> or <c>/~message@1.0&amp;a=1/a</c>.</summary>
    Task<ResolveResult> ResolveAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Resolves a request message (its <c>path</c> and parameters), as a decoded HTTP request would be.</summary>
    Task<ResolveResult> ResolveAsync(Message request, CancellationToken cancellationToken = default);

    /// <summary>Resolves a sequence: the first element is the base, each next one applies to the result so far.</summary>
    Task<ResolveResult> ResolveAsync(IReadOnlyList<ResolveInput> steps, CancellationToken cancellationToken = default);

    /// <summary>
    /// Assigns the next slot of <paramref name="processId"/> to <paramref name="message"/> (already signed) through the
    /// node's process gateway. Without processes on the node the result says so (503).
    /// </summary>
    Task<ScheduleResult> ScheduleAsync(string processId, Message message, CancellationToken cancellationToken = default);
}
