using System.Runtime.InteropServices;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// The processor time of this process's children that have exited and been waited for (<c>getrusage(RUSAGE_CHILDREN)</c>):
/// how the bench reads what wrk itself cost, since a process's own counters are gone once it has exited. Zero where
/// the call is not available.
/// </summary>
public static class ChildProcessorTime
{
    private const int RusageChildren = -1;

    public static TimeSpan Reaped()
    {
        if (!OperatingSystem.IsLinux()) return TimeSpan.Zero;
        try
        {
            var usage = new long[18]; // struct rusage on 64-bit Linux: two timevals, then fourteen longs
            if (GetRusage(RusageChildren, usage) != 0) return TimeSpan.Zero;
            return TimeSpan.FromSeconds(usage[0] + usage[2]) + TimeSpan.FromMicroseconds(usage[1] + usage[3]);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return TimeSpan.Zero;
        }
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);
}
