using System.Diagnostics;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// A request for the protocol router: resolve <paramref name="Steps"/>. Jobs with the same
/// <paramref name="DedupKey"/> that overlap in time run once and share the result.
/// </summary>
public sealed record ResolveJob(IReadOnlyList<ResolveInput> Steps, string DedupKey, ResolveOptions? Options = null)
{
    /// <summary>The caller's span: actor messages do not carry <see cref="Activity.Current"/>, so the job does.</summary>
    public ActivityContext TraceParent { get; init; }

    /// <summary>
    /// Signals that the caller no longer wants the result (its client left, or its time ran out). The router stops
    /// a run once every job waiting for it is so cancelled. Jobs stay on this node, so a token may travel in one.
    /// </summary>
    public CancellationToken Cancellation { get; init; }
}
