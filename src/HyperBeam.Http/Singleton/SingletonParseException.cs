namespace HyperBeam.Http.Singleton;

/// <summary>
/// A request path (or its keys) that the singleton grammar rejects: unbalanced parentheses, an over-long segment,
/// an unknown <c>+type</c>, a step index out of range, bad percent-encoding… The message says what and where;
/// the HTTP layer answers <see cref="StatusCode"/> with it.
/// </summary>
public sealed class SingletonParseException(string message, int statusCode = 400) : FormatException(message)
{
    /// <summary>400 for a malformed request; 413 for one that is well formed but over a size limit (max-keys).</summary>
    public int StatusCode { get; } = statusCode;
}
