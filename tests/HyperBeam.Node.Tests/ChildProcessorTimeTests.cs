using System.Diagnostics;
using HyperBeam.Node.Benchmarking.External;

namespace HyperBeam.Node.Tests;

/// <summary>How the bench reads wrk's own processor time: that of its children that have exited and been waited for.</summary>
public class ChildProcessorTimeTests
{
    [Fact]
    public async Task A_child_that_worked_and_exited_adds_its_processor_time()
    {
        if (!OperatingSystem.IsLinux()) return;
        var before = ChildProcessorTime.Reaped();
        var info = new ProcessStartInfo("sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done");
        using var child = Process.Start(info)!;
        await child.WaitForExitAsync();

        Assert.Equal(0, child.ExitCode);
        Assert.True(ChildProcessorTime.Reaped() > before, "the exited child's processor time is counted");
    }
}
