using System.Runtime;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// What the JIT has compiled so far in this process (all threads, the background tier-up thread included). A bench
/// row measured while the JIT is still re-compiling start-up code at higher tiers charges that one-time cost to the
/// row: on 2 cores the tier-up thread takes its time from the threads being measured.
/// </summary>
public readonly record struct JitActivity(long Methods, TimeSpan Time)
{
    public static JitActivity Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public static JitActivity operator -(JitActivity later, JitActivity earlier) =>
        new(later.Methods - earlier.Methods, later.Time - earlier.Time);
}
