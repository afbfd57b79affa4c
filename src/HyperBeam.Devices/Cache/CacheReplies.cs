using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Cache;

/// <summary>The <c>{status, body}</c> error replies of the cache devices, which the HTTP layer turns into that status.</summary>
internal static class CacheReplies
{
    public static ResolveResult Status(int status, string reason) =>
        new(status == 404 ? ResolveStatus.NotFound : ResolveStatus.Error, Message.Of(("status", status), ("body", reason)), reason);

    /// <summary>The <c>target</c> parameter as text, or null when it is missing or not text.</summary>
    public static string? Target(Message request) => request.Get("target") switch
    {
        AoBinary b when b.Length > 0 => b.Text,
        _ => null,
    };
}
