using System.Diagnostics;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// A request for the protocol router: resolve <paramref name="Steps"/> as the node resolves a client's request, through
/// the node message's <c>request</c> and <c>response</c> hooks (<see cref="Resolver.ResolveRequestAsync"/>). Jobs with
/// the same <paramref name="DedupKey"/> that overlap in time run once and share the result.
/// </summary>
public sealed record ResolveJob(IReadOnlyList<ResolveInput> Steps, string DedupKey, ResolveOptions? Options = null)
{
    /// <summary>The caller's span: actor messages do not carry <see cref="Activity.Current"/>, so the job does.</summary>
    public ActivityContext TraceParent { get; init; }

    /// <summary>The request as the client sent it (the decoded HTTP message): what the hooks see as <c>request</c>.</summary>
    public Message Request { get; init; } = Message.Empty;

    /// <summary>
    /// Signals that the caller no longer wants the result (its client left, or its time ran out). The router stops
    /// a run once every job waiting for it is so cancelled. Jobs stay on this node, so a token may travel in one.
    /// </summary>
    public CancellationToken Cancellation { get; init; }
}
