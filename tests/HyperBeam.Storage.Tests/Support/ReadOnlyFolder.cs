using System.Diagnostics;

namespace HyperBeam.Storage.Tests.Support;

/// <summary>
/// Makes a folder tree unwritable for as long as it lives, to stand in for a full or failing disk. Removes the
/// write bits (chmod); as root, where permission bits do not bind, it also sets the immutable attribute
/// (chattr +i), which does. Checks that a write really fails, so a test can never pass vacuously.
/// </summary>
public sealed class ReadOnlyFolder : IAsyncDisposable
{
    private readonly string _path;
    private bool _immutable;

    private ReadOnlyFolder(string path) => _path = path;

    public static async Task<ReadOnlyFolder> MakeAsync(string path)
    {
        var folder = new ReadOnlyFolder(path);
        foreach (var f in folder.Folders()) SetMode(f, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (folder.CanWrite())
        {
            await RunAsync("chattr", "-R", "+i", path);
            folder._immutable = true;
        }
        if (folder.CanWrite())
        {
            await folder.DisposeAsync();
            throw new InvalidOperationException($"could not make '{path}' unwritable (neither chmod nor chattr +i took effect)");
        }
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        if (_immutable) await RunAsync("chattr", "-R", "-i", _path);
        _immutable = false;
        foreach (var folder in Folders())
            SetMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private IEnumerable<string> Folders() => [_path, .. Directory.EnumerateDirectories(_path, "*", SearchOption.AllDirectories)];

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the read-only folder stand-in needs Unix permissions");
        File.SetUnixFileMode(path, mode);
    }

    private bool CanWrite()
    {
        var probe = Path.Combine(_path, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {await error}");
    }
}
