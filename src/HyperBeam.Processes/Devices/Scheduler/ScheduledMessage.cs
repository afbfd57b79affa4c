using HyperBeam.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Devices.Scheduler;

/// <summary>
/// The form a message is scheduled in: only the keys its signatures cover (HyperBEAM's <c>with_only_committed</c>,
/// for every commitment device), and its commitments must verify. An unsigned message keeps its keys except the HTTP
/// request's <c>path</c> and <c>method</c>.
/// </summary>
internal static class ScheduledMessage
{
    public static Message OnlyCommitted(Message message)
    {
        var plain = message.WithoutPriv();
        return CommittedMessage.IsSigned(plain) ? CommittedMessage.OnlyCommitted(plain) : plain.Without("path", "method");
    }

    /// <summary>True when every commitment verifies (httpsig ones by signature or HMAC, ANS-104 ones by the item).</summary>
    public static bool Verifies(Message message) => CommittedMessage.Verifies(message);
}
