namespace HyperBeam.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Core_assembly_has_a_version() => Assert.False(string.IsNullOrEmpty(CoreAssembly.Version));
}
