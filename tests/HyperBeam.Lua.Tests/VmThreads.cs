using System.Globalization;
using HyperBeam.Lua.Modules;

namespace HyperBeam.Lua.Tests;

/// <summary>
/// The operating-system threads of this test process that serve Lua VMs, found by the name each VM's thread carries
/// (<c>lua-vm-</c> and the first 8 characters of its modules' key: exactly Linux's 15-character thread name), with
/// their scheduler state, read from <c>/proc/self/task</c>. Linux only (CI runs Debian); elsewhere the lists are empty
/// and the checks built on them hold trivially.
/// </summary>
internal static class VmThreads
{
    private const string Prefix = "lua-vm-";

    /// <summary>The thread name of the VMs that run <paramref name="source"/> as a base's inline module.</summary>
    public static string NameFor(string source) =>
        Prefix + new LuaModuleSet([new LuaModule("module-1", System.Text.Encoding.UTF8.GetBytes(source))], []).Key[..8];

    /// <summary>
    /// Threads named <paramref name="name"/> (or every VM thread), with their scheduler state: <c>R</c> running or
    /// waiting for a core, <c>S</c> blocked in a wait, ...
    /// </summary>
    public static IReadOnlyList<(int Id, char State)> Named(string? name = null)
    {
        if (!OperatingSystem.IsLinux()) return [];
        var threads = new List<(int, char)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var comm = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                if (name is null ? !comm.StartsWith(Prefix, StringComparison.Ordinal) : comm != name) continue;
                // The state is the first field after the name's closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                threads.Add((int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), stat[stat.LastIndexOf(')') + 2]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended while it was being read.
            }
        }
        return threads;
    }

    /// <summary>How many reads in a row must find every thread blocked before it counts as idle.</summary>
    public const int IdleReads = 200;

    /// <summary>
    /// Whether every thread named <paramref name="name"/> is blocked in a wait (state <c>S</c>) on
    /// <paramref name="reads"/> reads in a row. A thread burning a core is running or waiting for a core (<c>R</c>)
    /// on every read: Lua runs as WebAssembly, native code the runtime never parks, so nothing but a real wait puts
    /// it to sleep.
    /// </summary>
    public static bool BlockedOnEveryRead(string name, int reads = IdleReads)
    {
        for (var i = 0; i < reads; i++)
        {
            if (Named(name).Any(t => t.State != 'S')) return false;
            Thread.Yield();
        }
        return true;
    }

    /// <summary>
    /// Waits until the threads named <paramref name="name"/> are blocked in a wait: a liveness check on the threads'
    /// state, not a timing one — a thread still burning a core never passes it, an idle one passes at once. Fails
    /// after 30 s.
    /// </summary>
    public static async Task WaitUntilIdleAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!BlockedOnEveryRead(name))
        {
            var states = string.Join(", ", Named(name).Select(t => $"{t.Id}:{t.State}"));
            Assert.False(timeout.IsCancellationRequested, $"the threads named {name} kept running ({states})");
            await Task.Yield();
        }
    }
}
