using HyperBeam.Core.Wallets;

namespace HyperBeam.Core.Tests.Wallets;

/// <summary>One RSA-4096 key per test class: generating one takes a second or more.</summary>
public sealed class SharedWallet : IDisposable
{
    public Wallet Wallet { get; } = Wallet.Create();

    public void Dispose() => Wallet.Dispose();
}
