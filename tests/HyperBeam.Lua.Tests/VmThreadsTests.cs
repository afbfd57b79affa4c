namespace HyperBeam.Lua.Tests;

/// <summary>The idle check the hostile tests rely on must tell a thread burning a core from one that waits.</summary>
public sealed class VmThreadsTests
{
    private const string Name = "lua-vm-selftest";

    [Fact]
    public async Task A_spinning_thread_is_never_idle_and_the_same_thread_waiting_is()
    {
        if (!OperatingSystem.IsLinux()) return;
        var spin = 1;
        using var spinning = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            spinning.Set();
            while (Volatile.Read(ref spin) == 1) Thread.SpinWait(64);
            release.Wait();
        }) { IsBackground = true, Name = Name };
        thread.Start();
        spinning.Wait();
        try
        {
            Assert.Single(VmThreads.Named(Name));
            Assert.False(VmThreads.BlockedOnEveryRead(Name));
            Volatile.Write(ref spin, 0);
            await VmThreads.WaitUntilIdleAsync(Name);
            Assert.True(VmThreads.BlockedOnEveryRead(Name));
        }
        finally
        {
            Volatile.Write(ref spin, 0);
            release.Set();
            thread.Join();
        }
    }
}
