namespace HyperBeam.Core.Resolution;

/// <summary>
/// A message could not be loaded by ID because a store that might hold it failed or could not be reached, and no
/// other store held it. Unlike a miss (the message is in no store), asking again later may find it: the resolver
/// answers it as unavailable (HTTP 503), a miss as not found (HTTP 404).
/// </summary>
public sealed class MessageUnavailableException(string id, string reason, Exception? inner = null)
    : Exception($"message {id} could not be loaded: {reason}", inner)
{
    public string Id { get; } = id;

    /// <summary>Why the store could not answer, e.g. <c>remote-node:http://127.0.0.1:1 could not be reached</c>.</summary>
    public string Reason { get; } = reason;
}
