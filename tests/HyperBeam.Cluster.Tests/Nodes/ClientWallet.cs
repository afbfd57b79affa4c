using HyperBeam.Core.Wallets;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>The wallet test clients sign with: one per test class, since an RSA-4096 key takes a while to make.</summary>
public sealed class ClientWallet : IDisposable
{
    public Wallet Wallet { get; } = Wallet.Create();

    public void Dispose() => Wallet.Dispose();
}
