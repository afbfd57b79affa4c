using System.Diagnostics.CodeAnalysis;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// The AO-Core URL grammar (HyperBEAM's <c>hb_singleton</c>): a request message — its <c>path</c> with an
/// optional <c>?query</c>, plus any other keys (headers, body) — becomes the sequence of steps to resolve.
/// <list type="bullet">
/// <item><c>/a/b/c</c>: a base message, then one step per key (<c>{path: a}</c>, …). <c>/</c> or no path: no steps.</item>
/// <item><c>/ID/a</c>: a 43-character base64url ID in place of the base (an ID elsewhere is a step of its own).</item>
/// <item><c>/~dev@1.0/a</c>, <c>/a~dev@1.0</c>: resolve with that device (<see cref="AsInput"/>).</item>
/// <item><c>a&amp;k=v&amp;flag</c>: keys for that step (a bare key is <c>true</c>); after <c>~dev@1.0</c> too.</item>
/// <item><c>?k=v&amp;…</c> and every other key of the request: set on every step; the query wins over the request's keys.</item>
/// <item><c>N.k=v</c>: only on step N, counting the first element as 0 (it wins over a global <c>k</c>).</item>
/// <item><c>k+integer=1</c>, <c>+float</c>, <c>+atom</c>, <c>+list</c>, <c>+map</c>, <c>+binary</c>: typed values
///   (structured-field syntax); <c>k+resolve=/x/y</c> and <c>k=(/x/y)</c>: a sub-resolution
///   (<see cref="SubresolutionValue"/>).</item>
/// <item><c>/a/(/x/y)/b</c>: a sub-resolution as a step (<see cref="SubresolveInput"/>); parentheses nest, and a
///   <c>/</c> or <c>?</c> inside them belongs to the sub-path.</item>
/// <item>Path segments are percent-decoded (twice, as HyperBEAM does: <c>/a%2Fb</c> is <c>a</c>, <c>b</c>);
///   query values are not decoded.</item>
/// <item>Every segment, inline pair and query pair is at most <see cref="HttpLimits.MaxSegmentBytes"/> bytes;
///   sub-paths nest at most <see cref="HttpLimits.MaxNestingDepth"/> deep; a step has at most
///   <see cref="HttpLimits.MaxKeys"/> keys (a 413).</item>
/// </list>
/// Where HyperBEAM crashes or silently does something surprising, this parser gives a clear
/// <see cref="SingletonParseException"/> instead: unbalanced parentheses, a <c>+type</c> on a segment's own key
/// (<c>/a/x+resolve=b</c>), an unknown type, a step number out of range or naming an ID / sub-path step, a key
/// with one dot that is not <c>N.key</c>, a private key, an empty key, device or sub-path, bad percent-encoding.
/// </summary>
public static class SingletonParser
{
    /// <summary>The steps of <paramref name="request"/>; throws <see cref="SingletonParseException"/> on bad input.</summary>
    public static IReadOnlyList<ResolveInput> Parse(Message request, HttpLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        limits ??= DefaultLimits;
        return new SingletonReader(limits.MaxSegmentBytes, limits.MaxNestingDepth, limits.MaxKeys).From(request, depth: 0);
    }

    /// <summary>The steps of a bare path (with its query), as <c>hb_singleton:from(Path)</c>.</summary>
    public static IReadOnlyList<ResolveInput> Parse(string path, HttpLimits? limits = null) =>
        Parse(Message.Empty.Set("path", path), limits);

    /// <summary>As <see cref="Parse(Message, HttpLimits?)"/>, with the error as a value.</summary>
    public static bool TryParse(
        Message request,
        [NotNullWhen(true)] out IReadOnlyList<ResolveInput>? steps,
        [NotNullWhen(false)] out SingletonParseException? error,
        HttpLimits? limits = null)
    {
        try
        {
            steps = Parse(request, limits);
            error = null;
            return true;
        }
        catch (SingletonParseException e)
        {
            steps = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// The inverse (HyperBEAM's <c>hb_singleton:to/1</c>): one request message whose <c>path</c> and keys parse back
    /// to <paramref name="steps"/>. A key every keyed step shares with the same value is written once; any other key
    /// as <c>N.key</c>; non-text values as <c>key+type</c>. Throws <see cref="ArgumentException"/> when the steps
    /// cannot be written so (a key with a dot or <c>+</c>, a path with grammar characters, a first step that is not
    /// a base…); the result is checked by parsing it back.
    /// </summary>
    public static Message ToPath(IReadOnlyList<ResolveInput> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return SingletonWriter.TryWrite(steps, out var request, out var error)
            ? request
            : throw new ArgumentException(error, nameof(steps));
    }

    /// <summary>As <see cref="ToPath"/>, with the reason as a value.</summary>
    public static bool TryToPath(
        IReadOnlyList<ResolveInput> steps, [NotNullWhen(true)] out Message? request, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return SingletonWriter.TryWrite(steps, out request, out error);
    }

    private static readonly HttpLimits DefaultLimits = new();
}
