namespace HyperBeam.Http.Singleton;

/// <summary>
/// A request path (or its keys) that the singleton grammar rejects: unbalanced parentheses, an over-long segment,
/// an unknown <c>+type</c>, a step index out of range, bad percent-encoding… The message says what and where;
/// the HTTP layer answers <see cref="StatusCode"/> (400) with it.
/// </summary>
public sealed class SingletonParseException(string message) : FormatException(message)
{
    /// <summary>Always 400: every parse failure is the client's request.</summary>
    public int StatusCode => 400;
}
