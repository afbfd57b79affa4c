namespace HyperBeam.Core.Resolution;

/// <summary>
/// Machine-readable reasons carried by error results the resolver itself produces, so the HTTP layer
/// can map them (for example <see cref="InfiniteRecursion"/> to 508) without parsing messages.
/// </summary>
public static class ResolveErrorCodes
{
    public const string UnknownDevice = "unknown-device";
    public const string DeviceNotLoadable = "device-not-loadable";
    public const string MalformedPath = "malformed-path";
    public const string KeyTooLong = "key-too-long";
    public const string InfiniteRecursion = "infinite-recursion";
    public const string DeviceThrew = "device-threw";
    /// <summary>A message named by ID could not be loaded because a store failed or could not be reached: HTTP 503.</summary>
    public const string MessageUnavailable = "message-unavailable";

    /// <summary>A message named by ID is in no store: every store answered that it does not hold it. HTTP 404.</summary>
    public const string MessageNotFound = "message-not-found";
    public const string HookFailed = "hook-failed";
    public const string InvalidRequest = "invalid-request";

    /// <summary><c>only-if-cached</c> was asked and the cache has no result: HTTP 504.</summary>
    public const string NotCached = "not-cached";
}
