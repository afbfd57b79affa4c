using HyperBeam.Core.Wallets;
using HyperBeam.Storage;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Support;

/// <summary>Settings every embedded test node shares: one key file (RSA-4096 generation takes seconds), a memory store, a temp folder.</summary>
public static class TestNodes
{
    /// <summary>Applies the shared settings: no environment layer, memory store, a fresh data folder, quiet Akka.</summary>
    public static void InMemory(HyperBeamOptions options)
    {
        options.UseEnvironment = false;
        options.KeyFile = TestKeyFile.Path;
        options.Set("hyperbeam.data-dir", Path.Combine(Path.GetTempPath(), "hb-hosting-test-" + Guid.NewGuid().ToString("N")));
        options.Set("akka.loglevel", "WARNING").Set("akka.stdout-loglevel", "WARNING");
        options.Configure(o => o with { Stores = [new StoreOptions { Type = StoreTypes.Memory }] });
    }
}
