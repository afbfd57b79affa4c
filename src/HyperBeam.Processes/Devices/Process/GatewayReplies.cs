using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Devices.Process;

/// <summary>How devices turn process-command answers into resolve results the HTTP layer maps to a status.</summary>
internal static class GatewayReplies
{
    /// <summary>A <c>{status, body}</c> error; 404 is not-found, 503 unavailable, other 5xx a failure.</summary>
    public static ResolveResult Status(int status, string reason)
    {
        var kind = status switch
        {
            404 => ResolveStatus.NotFound,
            503 => ResolveStatus.Unavailable,
            >= 500 => ResolveStatus.Failure,
            _ => ResolveStatus.Error,
        };
        return new ResolveResult(kind, Message.Of(("status", status), ("body", reason)), reason);
    }

    public static ResolveResult Failed(ProcessCommandFailed failed) => Status(failed.Status, failed.Reason);

    public static ResolveResult Unexpected(object reply) =>
        Status(500, $"the process answered with an unexpected {reply.GetType().Name}");
}
