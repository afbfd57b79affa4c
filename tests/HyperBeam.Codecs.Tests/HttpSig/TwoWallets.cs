using HyperBeam.Core.Wallets;

namespace HyperBeam.Codecs.Tests.HttpSig;

/// <summary>Two RSA-4096 keys shared by a test class: generating one takes a second or more.</summary>
public sealed class TwoWallets : IDisposable
{
    public Wallet First { get; } = Wallet.Create();
    public Wallet Second { get; } = Wallet.Create();

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
