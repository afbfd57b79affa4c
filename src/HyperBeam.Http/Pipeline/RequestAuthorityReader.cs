using System.Net;
using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using Microsoft.AspNetCore.Http;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// Establishes <see cref="RequestAuthority"/> for one HTTP request, after its signatures verified: which signers
/// stand behind this exact request (their signature covers its path and method as received), and whether it came
/// from the node's own host with no proxy between.
/// </summary>
internal static class RequestAuthorityReader
{
    /// <summary>Headers a proxy (the node's own relay included: it sends <c>Via</c>) puts on what it forwards.</summary>
    private static readonly string[] ProxyHeaders = ["via", "forwarded", "x-forwarded-for", "x-real-ip"];

    /// <param name="signed">The verified request as the client encoded it (before the HTTP target is added).</param>
    /// <param name="http">The HTTP message as received.</param>
    /// <param name="nodeAddress">The node's own address: its signatures are never authority over it.</param>
    public static RequestAuthority Read(Message? signed, Message http, HttpContext context, string? nodeAddress)
    {
        var fromHost = IsFromHost(context, http);
        if (signed is null || PushedMessages.IsPushed(signed) || !CoversTarget(signed, http))
            return fromHost ? new RequestAuthority(new HashSet<string>(), true) : RequestAuthority.None;

        var signers = new HashSet<string>(StringComparer.Ordinal);
        if (signed.Get(CommittedKeys.CommitmentsKey) is Message commitments)
        {
            foreach (var (_, value) in commitments.Entries)
            {
                if (value is not Message commitment || Committer(commitment) is not { } committer) continue;
                if (committer == nodeAddress || !CoversPathAndMethod(signed, commitment)) continue;
                signers.Add(committer);
            }
        }
        return signers.Count == 0 && !fromHost ? RequestAuthority.None : new RequestAuthority(signers, fromHost);
    }

    /// <summary>
    /// The signed <c>path</c> and <c>method</c> are the ones the request was sent to: httpsig reads them from HTTP
    /// itself; a body codec's signed message must name the same ones.
    /// </summary>
    private static bool CoversTarget(Message signed, Message http) =>
        signed.GetText("path") == http.GetText("path")
        && string.Equals(signed.GetText("method"), http.GetText("method"), StringComparison.OrdinalIgnoreCase);

    private static bool CoversPathAndMethod(Message signed, Message commitment)
    {
        if (IsAns104(commitment)) return commitment.GetText(Ans104Codec.AlgKey) == Ans104Codec.SignedAlg;
        if (commitment.GetText("alg") == "hmac-sha256") return false;
        var covered = CommittedKeys.Of(signed, commitment);
        return covered.Contains("path") && covered.Contains("method");
    }

    private static string? Committer(Message commitment)
    {
        if (commitment.GetText(Ans104Codec.CommitterKey) is { } committer) return committer;
        return IsAns104(commitment) && commitment.Get("owner") is AoBinary owner ? Wallet.AddressOf(owner.Span) : null;
    }

    private static bool IsAns104(Message commitment) => commitment.GetText(Ans104Codec.CommitmentDeviceKey) == CodecNames.Ans104;

    private static bool IsFromHost(HttpContext context, Message http)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote)) return false;
        foreach (var header in ProxyHeaders)
            if (http.ContainsKey(header)) return false;
        return true;
    }
}
