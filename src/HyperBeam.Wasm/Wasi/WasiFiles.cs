using System.Globalization;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Wasi;

/// <summary>
/// The in-memory file system of <c>wasi@1.0</c>, held in the process state as HyperBEAM's <c>dev_wasi</c> holds it:
/// <c>vfs</c> is a tree of messages (directories) and binaries (files), <c>file-descriptors</c> maps each open
/// descriptor number to <c>{filename, offset}</c>. Descriptors 0–2 are <c>/dev/stdin</c>, <c>/dev/stdout</c> and
/// <c>/dev/stderr</c>; 3 is the root directory, preopened so a libc can open paths under it. Every operation returns a
/// new state. File names are message keys, so they are compared as AO-Core keys are (case-insensitively).
/// </summary>
internal static class WasiFiles
{
    public const string VfsKey = "vfs", DescriptorsKey = "file-descriptors";
    public const int RootDescriptor = 3;

    /// <summary>The state with the standard descriptors and the <c>/dev</c> files added, keeping files already there.</summary>
    public static Message Initialize(Message state)
    {
        var vfs = state.GetMessage(VfsKey) ?? Message.Empty;
        var dev = vfs.GetMessage("dev") ?? Message.Empty;
        foreach (var name in (ReadOnlySpan<string>)["stdin", "stdout", "stderr"])
            if (dev.Get(name) is null) dev = dev.Set(name, AoBinary.Empty);
        var descriptors = Message.Of(
            ("0", Descriptor("/dev/stdin", 0)),
            ("1", Descriptor("/dev/stdout", 0)),
            ("2", Descriptor("/dev/stderr", 0)),
            ("3", Descriptor("/", 0)));
        return state.Set(VfsKey, vfs.Set("dev", dev)).Set(DescriptorsKey, descriptors);
    }

    /// <summary>Empties stdout and stderr (each message's output starts afresh).</summary>
    public static Message ClearOutput(Message state)
    {
        foreach (var (fd, file) in (ReadOnlySpan<(int, string)>)[(1, "/dev/stdout"), (2, "/dev/stderr")])
            if (Open(state, fd) is not null) state = WriteFile(SetOffset(state, fd, 0), file, AoBinary.Empty);
        return state;
    }

    public static Message Descriptor(string filename, long offset) => Message.Of(("filename", filename), ("offset", offset));

    /// <summary>The descriptor's file name and offset; null when it is not open.</summary>
    public static (string Filename, long Offset)? Open(Message state, int fd) =>
        state.GetMessage(DescriptorsKey)?.GetMessage(Number(fd)) is { } d && d.GetText("filename") is { } name
            ? (name, d.Get("offset") is AoInteger o ? o.Value : 0)
            : null;

    public static Message SetOffset(Message state, int fd, long offset)
    {
        var descriptors = state.GetMessage(DescriptorsKey) ?? Message.Empty;
        var current = descriptors.GetMessage(Number(fd)) ?? Message.Empty;
        return state.Set(DescriptorsKey, descriptors.Set(Number(fd), current.Set("offset", offset)));
    }

    /// <summary>Opens <paramref name="filename"/> on the lowest free descriptor above the root's.</summary>
    public static (Message State, int Fd) Add(Message state, string filename)
    {
        var descriptors = state.GetMessage(DescriptorsKey) ?? Message.Empty;
        var fd = RootDescriptor + 1;
        while (descriptors.Get(Number(fd)) is not null) fd++;
        return (state.Set(DescriptorsKey, descriptors.Set(Number(fd), Descriptor(filename, 0))), fd);
    }

    public static Message Close(Message state, int fd) =>
        state.Set(DescriptorsKey, (state.GetMessage(DescriptorsKey) ?? Message.Empty).Remove(Number(fd)));

    /// <summary>What is at <paramref name="path"/>: a file (binary), a directory (message) or null.</summary>
    public static AoValue? Lookup(Message state, string path)
    {
        AoValue? current = state.GetMessage(VfsKey) ?? Message.Empty;
        foreach (var part in Parts(path))
        {
            current = (current as Message)?.Get(part);
            if (current is null) return null;
        }
        return current;
    }

    public static Message WriteFile(Message state, string path, AoBinary contents)
    {
        var parts = Parts(path);
        return parts.Length == 0 ? state : state.Set(VfsKey, Set(state.GetMessage(VfsKey) ?? Message.Empty, parts, 0, contents));
    }

    /// <summary><paramref name="relative"/> under the directory <paramref name="directory"/>, as an absolute path; null when it climbs above the root.</summary>
    public static string? Join(string directory, string relative)
    {
        var parts = new List<string>(Parts(relative.StartsWith('/') ? "" : directory));
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    private static string[] Parts(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();

    private static Message Set(Message directory, string[] parts, int at, AoValue value) =>
        at == parts.Length - 1
            ? directory.Set(parts[at], value)
            : directory.Set(parts[at], Set(directory.GetMessage(parts[at]) ?? Message.Empty, parts, at + 1, value));

    private static string Number(int fd) => fd.ToString(CultureInfo.InvariantCulture);
}
