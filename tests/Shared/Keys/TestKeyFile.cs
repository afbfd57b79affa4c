using HyperBeam.Core.Wallets;

namespace HyperBeam.Tests.Shared;

/// <summary>One node key file for every test node of the test process: generating an RSA-4096 key takes a second or more.</summary>
public static class TestKeyFile
{
    private static readonly Lazy<string> Shared = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hb-test-key-{Environment.ProcessId}.json");
        using var wallet = Wallet.Create();
        wallet.Save(path, overwrite: true);
        return path;
    });

    public static string Path => Shared.Value;
}
