using System.Runtime.InteropServices;

namespace HyperBeam.Node;

/// <summary>
/// Hands the memory glibc's allocator holds free back to the system every <see cref="DefaultInterval"/>
/// (<c>malloc_trim(0)</c>), for as long as <c>hb run</c> runs. What the node's native parts free (RocksDB's memtables
/// after each flush, SQLite, OpenSSL, the runtime itself) stays resident in glibc's arenas behind any block still in
/// use, and only the top of an arena is ever returned on its own: under the 10-minute soak that free memory grew
/// ~5 MiB a minute and was most of the node's RSS growth; one trim released 34 MiB of it (README, "HTTP performance").
/// A no-op where there is no glibc (Windows, macOS, musl).
/// </summary>
public sealed class NativeHeapTrimmer : IDisposable
{
    /// <summary>A trim walks every arena under its lock, a millisecond or so for tens of MiB; twice a minute is noise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly Timer? _timer;

    public NativeHeapTrimmer(TimeSpan interval)
    {
        if (IsSupported) _timer = new Timer(_ => TrimNow(), null, interval, interval);
    }

    /// <summary>Whether this process's C library has <c>malloc_trim</c> (glibc on Linux).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && HasMallocTrim();

    /// <summary>Returns the free memory of every arena to the system now; true when some was returned.</summary>
    public static bool TrimNow() => IsSupported && MallocTrim(0) == 1;

    public void Dispose() => _timer?.Dispose();

    private static bool HasMallocTrim() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out _);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
