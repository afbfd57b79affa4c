using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Commitments;

/// <summary>
/// Messages a process pushed (push@1.0) carry <c>from-process</c>, and the node signs them with that key covered.
/// Their content is whatever the process's code wrote, so no device takes such a message as anyone's authority —
/// least of all the node's own.
/// </summary>
public static class PushedMessages
{
    public const string FromProcessKey = "from-process";

    public static bool IsPushed(Message message) => message.ContainsKey(FromProcessKey);
}
