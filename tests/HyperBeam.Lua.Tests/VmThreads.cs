using System.Globalization;
using HyperBeam.Lua.Modules;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// The operating-system threads of this test process that serve Lua VMs, found by the name each VM's thread carries
/// (<c>lua-vm-</c> and the first 8 characters of its modules' key: exactly Linux's 15-character thread name), with
/// the processor time each has used, read from <c>/proc/self/task</c>. Linux only (CI runs Debian); elsewhere the
/// lists are empty and the checks built on them hold trivially.
/// </summary>
internal static class VmThreads
{
    private const string Prefix = "lua-vm-";

    /// <summary>The thread name of the VMs that run <paramref name="source"/> as a base's inline module.</summary>
    public static string NameFor(string source) =>
        Prefix + new LuaModuleSet([new LuaModule("module-1", System.Text.Encoding.UTF8.GetBytes(source))], []).Key[..8];

    /// <summary>Threads named <paramref name="name"/> (or every VM thread), with their processor time in clock ticks.</summary>
    public static IReadOnlyList<(int Id, long Ticks)> Named(string? name = null)
    {
        if (!OperatingSystem.IsLinux()) return [];
        var threads = new List<(int, long)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var comm = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                if (name is null ? !comm.StartsWith(Prefix, StringComparison.Ordinal) : comm != name) continue;
                // After the name's closing parenthesis: state is field 3, utime and stime are fields 14 and 15.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                threads.Add((int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended while it was being read.
            }
        }
        return threads;
    }

    /// <summary>
    /// Waits until the threads named <paramref name="name"/> use (almost) no processor time over a quarter of a
    /// second: a liveness check, not a timing one — a thread still burning a core never passes it, an idle one passes
    /// at once, and a loaded machine only delays the pass. Fails after 30 s.
    /// </summary>
    public static async Task WaitUntilIdleAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var before = Named(name).Sum(t => t.Ticks);
            await Task.Delay(250, CancellationToken.None);
            var used = Named(name).Sum(t => t.Ticks) - before;
            // Clock ticks are 10 ms: a thread spinning through the window uses about 25 even on a shared core.
            if (used <= 2) return;
            Assert.False(timeout.IsCancellationRequested, $"the threads named {name} kept using the processor ({used} ticks in 250 ms)");
        }
    }
}
