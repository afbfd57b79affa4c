using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Devices.Process;

/// <summary>dev_process's <c>process_id</c>: the ID (with all commitments) of the process a message stands for.</summary>
public static class ProcessIds
{
    /// <summary>A state message carries its process under <c>process</c>; a process message is its own process.</summary>
    public static string Of(Message message) =>
        MessageIds.All(message.Get("process") as Message ?? message);

    /// <summary>HyperBEAM's <c>ensure_process_key</c>: the message with a copy of its process under <c>process</c>.</summary>
    public static Message WithProcessKey(Message message) =>
        message.ContainsKey("process") ? message : message.Set("process", message);
}
