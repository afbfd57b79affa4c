using System.Diagnostics;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// The one way a node resolves a client's request, for HTTP (<c>RequestPipeline</c>) and C# callers
/// (<c>IHyperBeamClient</c>) alike: the node's current message, its one resolution cache and its limits
/// (<paramref name="defaults"/>, built once by the node), the caller's authority, then the bounded queue and the
/// protocol router, which runs the node message's <c>request</c> hook, the sequence and the <c>response</c> hook
/// (HyperBEAM's <c>dev_meta:handle_resolve</c>).
/// </summary>
/// <param name="state">The node's identity; its message is read per request, so a change applies to the next one.</param>
/// <param name="defaults">The node's resolve options apart from its message and the caller's authority.</param>
/// <param name="queue">The bounded front door of the protocol router.</param>
public sealed class NodeResolution(NodeState state, ResolveOptions defaults, ResolveQueue queue)
{
    /// <summary>The node's resolve options apart from its message and a caller's authority: its cache and limits.</summary>
    public ResolveOptions Defaults { get; } = defaults ?? throw new ArgumentNullException(nameof(defaults));

    /// <summary>The options of one request: the node message as it is now, and who stands behind the request.</summary>
    public ResolveOptions OptionsFor(RequestAuthority authority) => Defaults with { Node = state.Current, Authority = authority };

    /// <summary>
    /// Resolves <paramref name="steps"/> (parsed from <paramref name="request"/>) through the queue: the outcome, or
    /// null when the queue is full (answer 503). Requests with the same <paramref name="dedupKey"/> that overlap run
    /// once, so the key must include everything that can change the answer, the authority among it. Cancelling
    /// <paramref name="cancellationToken"/> withdraws the request and stops its run once no one else shares it.
    /// </summary>
    public Task<ResolveOutcome?> ResolveAsync(
        Message request, IReadOnlyList<ResolveInput> steps, RequestAuthority authority, string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authority);
        var job = new ResolveJob(steps, dedupKey, OptionsFor(authority))
        {
            Request = request,
            TraceParent = Activity.Current?.Context ?? default,
        };
        return queue.ResolveAsync(job, cancellationToken);
    }
}
