using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Devices.Patch;

/// <summary>Reads, sets and removes values at <c>/a/b</c> paths inside plain messages (an empty path is the message itself).</summary>
internal static class MessagePaths
{
    public static string[] Parts(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public static AoValue? Get(Message message, ReadOnlySpan<string> parts)
    {
        AoValue current = message;
        foreach (var part in parts)
        {
            if (current is not Message m || m.Get(part) is not { } next) return null;
            current = next;
        }
        return current;
    }

    /// <summary>Sets <paramref name="value"/> at the path, creating messages on the way; null removes the key.</summary>
    public static Message Set(Message message, ReadOnlySpan<string> parts, AoValue? value)
    {
        if (parts.Length == 0) return value as Message ?? Message.Empty;
        if (parts.Length == 1) return value is null ? message.Remove(parts[0]) : message.Set(parts[0], value);
        var child = message.Get(parts[0]) as Message ?? Message.Empty;
        return message.Set(parts[0], Set(child, parts[1..], value));
    }

    /// <summary>The keys of <paramref name="patch"/> written over those of <paramref name="target"/>.</summary>
    public static Message Merge(Message target, Message patch)
    {
        foreach (var (key, value) in patch.Entries) target = target.Set(key, value);
        return target;
    }
}
