using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Devices.Scheduler;

/// <summary>
/// Which process a scheduler request is about (HyperBEAM's <c>find_target_id</c>): the request's <c>target</c>, the
/// request itself when it is a process, the base's <c>process</c>, or the base itself when it is a process.
/// </summary>
internal static class ProcessTarget
{
    public static string? Find(Message @base, Message request)
    {
        if (request.Get("target") is AoBinary { Length: > 0 } target) return target.Text;
        if (IsProcess(request)) return MessageIds.All(request);
        return FromBase(@base);
    }

    public static string? FromBase(Message @base) => @base.Get("process") switch
    {
        Message process => MessageIds.All(process),
        AoBinary { Length: > 0 } id => id.Text,
        _ => IsProcess(@base) ? MessageIds.All(@base) : null,
    };

    private static bool IsProcess(Message message) => message.GetText("type") == "Process";
}
