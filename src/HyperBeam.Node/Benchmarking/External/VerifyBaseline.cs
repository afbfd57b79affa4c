using System.Diagnostics;
using System.Security.Cryptography;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// RSA-4096 PSS (SHA-512) verifications per second on every core, through the node's own check
/// (<see cref="Wallet.Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, HashAlgorithmName)"/>,
/// its cached public key included): the most a signed request can cost in cryptography alone.
/// </summary>
public static class VerifyBaseline
{
    public static async Task<(long Verifications, TimeSpan Elapsed)> RunAsync(Wallet wallet, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var data = RandomNumberGenerator.GetBytes(512);
        var signature = wallet.Sign(data, HashAlgorithmName.SHA512);
        var modulus = wallet.PublicKey.ToArray();
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() =>
        {
            long n = 0;
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                if (!Wallet.Verify(modulus, data, signature, HashAlgorithmName.SHA512)) throw new InvalidOperationException("a fresh signature did not verify");
                n++;
            }
            return n;
        }, cancellationToken)));
        return (counts.Sum(), clock.Elapsed);
    }
}
