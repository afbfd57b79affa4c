using System.ComponentModel;
using System.Runtime.InteropServices;

namespace HyperBeam.Storage;

/// <summary>
/// rename(2) for a symbolic link. <see cref="File.Move(string, string, bool)"/> first checks that its source
/// "exists" by following it, so it refuses to move a link whose target is a folder or not there yet, which is
/// exactly what a store's links often are.
/// </summary>
internal static partial class PosixRename
{
    public static void Replace(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(source, destination, overwrite: true);
            return;
        }
        if (rename(source, destination) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"rename '{source}' → '{destination}' failed: {new Win32Exception(errno).Message}", errno);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
