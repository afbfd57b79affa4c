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
}
