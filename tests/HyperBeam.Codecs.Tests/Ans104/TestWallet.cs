using HyperBeam.Core.Wallets;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>One fresh RSA-4096 wallet per test class (generating one takes about a second).</summary>
public sealed class TestWallet : IDisposable
{
    public Wallet Wallet { get; } = Wallet.Create();

    public void Dispose() => Wallet.Dispose();
}
