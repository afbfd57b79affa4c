using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// Where the device reads and writes inside messages. As in <c>dev_stack</c>, <c>input-prefix</c> says where the
/// image is read from and <c>output-prefix</c> where the device keeps its own keys (both empty by default). Lookups
/// are plain nested reads (HyperBEAM's <c>{as, dev_message, Msg}</c>), so a process message with its own device
/// is never resolved just to find its image.
/// </summary>
internal static class WasmPaths
{
    public static string InputPrefix(Message @base) => @base.GetText("input-prefix") ?? "";

    public static string OutputPrefix(Message @base) => @base.GetText("output-prefix") ?? "";

    /// <summary><c>prefix/key</c>, or just <c>key</c> for the empty prefix.</summary>
    public static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix.TrimEnd('/')}/{key}";

    /// <summary>The private key naming a process's live instance on this device (HyperBEAM's <c>priv/[Prefix]/instance</c>).</summary>
    public static string InstanceKey(Message @base) => Join(OutputPrefix(@base), "instance");

    public static AoValue? Get(Message message, string path)
    {
        AoValue? current = message;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current switch
            {
                Message m => m.Get(part),
                AoList l => l.GetByKey(part),
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>Sets a nested key, creating the messages on the way (HyperBEAM's <c>hb_ao:set</c> of a deep path).</summary>
    public static Message Set(Message message, string path, AoValue value)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? message : Set(message, parts, 0, value);
    }

    private static Message Set(Message message, string[] parts, int at, AoValue value)
    {
        if (at == parts.Length - 1) return message.Set(parts[at], value);
        var child = message.GetMessage(parts[at]) ?? Message.Empty;
        return message.Set(parts[at], Set(child, parts, at + 1, value));
    }
}
