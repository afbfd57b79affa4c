using System.Diagnostics;
using HyperBeam.Core.Messages;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

/// <summary>Runs alone: what it measures (the process's threads and resident memory) other tests would disturb.</summary>
[CollectionDefinition(nameof(LuaResourceBoundTests), DisableParallelization = true)]
public sealed class LuaResourceBoundCollection;

/// <summary>
/// Many distinct modules sent to one device: its VMs are evicted beyond <see cref="LuaOptions.MaxVms"/> and
/// <see cref="LuaOptions.MaxVmBytes"/>, and with them their threads and engine memory — the node's thread count and
/// resident memory stay bounded.
/// </summary>
[Collection(nameof(LuaResourceBoundTests))]
public sealed class LuaResourceBoundTests
{
    private const int Modules = 200;
    private const int MaxVms = 8;

    /// <summary>Far below what 200 VMs holding 1 MiB each would keep, far above what 8 of them and the test's own garbage do.</summary>
    private const long MaxGrowthBytes = 150L << 20;

    [Fact]
    public async Task Two_hundred_distinct_modules_leave_a_bounded_number_of_vms_threads_and_resident_memory()
    {
        await StartTheEngineAsync();
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;
        var vmThreadsBefore = VmThreads.Named().Count;
        var residentBefore = ResidentBytes();

        using (var device = new LuaDevice(FastLimits with { MaxVms = MaxVms }))
        {
            var resolver = ResolverFor(device);
            for (var i = 0; i < Modules; i++)
            {
                // Each VM keeps a distinct 1 MiB string in its engine memory.
                var result = await resolver.ResolveAsync(Base($"Big = string.rep('{i % 10}', 1024 * 1024)\nfunction f() return {i} end"), "f");
                Assert.Equal(new AoInteger(i), result.Value);
                Assert.InRange(device.VmCount, 1, MaxVms);
            }
            await WaitUntilAsync(() => device.LiveVmThreads <= MaxVms);

            // An evicted VM's thread ends after the device stops counting it: wait for the OS to see it gone.
            // An evicted VM's thread ends after the device stops counting it: wait for the OS to see it gone.
            await WaitUntilAsync(() => VmThreads.Named().Count - vmThreadsBefore <= MaxVms);
            // The thread pool may have grown a little meanwhile; 200 leaked VM threads could not hide in this margin.
            Assert.InRange(Process.GetCurrentProcess().Threads.Count - threadsBefore, int.MinValue, MaxVms + 40);
            var growth = ResidentBytes() - residentBefore;
            Assert.True(growth < MaxGrowthBytes, $"resident memory grew by {growth >> 20} MiB with {device.VmCount} VMs live");
        }

        await WaitUntilAsync(() => VmThreads.Named().Count <= vmThreadsBefore);
    }

    [Fact]
    public async Task Vms_beyond_the_byte_budget_are_evicted_however_many_the_count_allows()
    {
        const long budget = 24L << 20;
        using var device = new LuaDevice(FastLimits with { MaxVms = 1000, MaxVmBytes = budget });
        var resolver = ResolverFor(device);
        for (var i = 0; i < 40; i++)
        {
            // Each VM keeps a distinct 2 MiB string: 40 of them would hold 80 MiB and more.
            var result = await resolver.ResolveAsync(Base($"Big = string.rep('{i % 10}', 2 * 1024 * 1024)\nfunction f() return {i} end"), "f");
            Assert.Equal(new AoInteger(i), result.Value);
            Assert.InRange(device.VmBytes, 2L << 20, budget);
        }
        Assert.InRange(device.VmCount, 1, 12);
        await WaitUntilAsync(() => device.LiveVmThreads <= device.VmCount);
    }

    /// <summary>
    /// Runs one VM first: threads the runtime starts once on the first VM's thread (the engine's helpers, the pool's
    /// workers) inherit its name on Linux and stay; they are counted in the baseline, not as VMs left behind.
    /// </summary>
    private static async Task StartTheEngineAsync()
    {
        using var device = new LuaDevice(FastLimits);
        Assert.Equal(new AoInteger(1), (await ResolverFor(device).ResolveAsync(Base("function f() return 1 end"), "f")).Value);
    }

    /// <summary>Resident memory after a full collection, so garbage the test made does not count.</summary>
    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
