using HyperBeam.Core.Wallets;

namespace HyperBeam.Tests.Shared;

/// <summary>
/// A wallet with no authority on the node, that test clients sign with: one per test class (an xunit class fixture),
/// since an RSA-4096 key takes a while to make.
/// </summary>
public sealed class StrangerWallet : IDisposable
{
    public Wallet Wallet { get; } = Wallet.Create();

    public void Dispose() => Wallet.Dispose();
}
