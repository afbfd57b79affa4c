namespace HyperBeam.Core.Resolution;

/// <summary>
/// Who stands behind the request being resolved, as the node's HTTP door established it — never read from the
/// request's keys, which a caller writes. Devices that change the node (meta@1.0) or spend its key (relay@1.0
/// <c>requires-sign</c>) decide from this alone.
/// </summary>
/// <param name="Signers">
/// Addresses whose signatures verified on the request as received and cover its path and method, so the request
/// cannot be replayed against another path or method. Never the node's own address (whatever the node signed, it
/// signed as itself, not as someone with authority over it), and never a message a process pushed
/// (<c>from-process</c>).
/// </param>
/// <param name="FromHost">
/// The request came from the node's own host over loopback, with no proxy in between (no <c>Via</c>,
/// <c>Forwarded</c> or <c>X-Forwarded-For</c>; the node's relay adds <c>Via</c> to what it sends).
/// </param>
public sealed record RequestAuthority(IReadOnlySet<string> Signers, bool FromHost)
{
    /// <summary>No one: in-process resolutions (processes, hooks, an embedding app's client) and unsigned requests.</summary>
    public static RequestAuthority None { get; } = new(new HashSet<string>(), FromHost: false);

    public bool IsSignedBy(string address) => Signers.Contains(address);

    public bool IsSignedByAny(IEnumerable<string> addresses) => addresses.Any(Signers.Contains);
}
