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
        if (IdText(request.Get("target")) is { } target) return target;
        if (IsProcess(request)) return MessageIds.All(request);
        return FromBase(@base);
    }

    public static string? FromBase(Message @base) => @base.Get("process") switch
    {
        Message process => MessageIds.All(process),
        AoBinary { Length: > 0 } id => id.Text,
        _ => IsProcess(@base) ? MessageIds.All(@base) : null,
    };

    /// <summary>
    /// An ID as text: a data item carries its <c>target</c> as the 32 raw bytes of its header field, which name the
    /// same process as their 43-character base64url form.
    /// </summary>
    public static string? IdText(AoValue? value) => value switch
    {
        AoBinary { Length: 32 } raw when !IsBase64UrlText(raw) => Base64Url.Encode(raw.Span),
        AoBinary { Length: > 0 } text => text.Text,
        _ => null,
    };

    private static bool IsBase64UrlText(AoBinary value)
    {
        foreach (var b in value.Span)
            if (!(b is >= (byte)'a' and <= (byte)'z' || b is >= (byte)'A' and <= (byte)'Z' || b is >= (byte)'0' and <= (byte)'9' || b is (byte)'-' or (byte)'_'))
                return false;
        return true;
    }

    private static bool IsProcess(Message message) => message.GetText("type") == "Process";
}
