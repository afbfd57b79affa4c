using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Ids;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// Block height and hash when no chain is configured: a local "block" every two minutes (Arweave's target block
/// time), never going back even when the wall clock does, and a hash derived from the height so it is reproducible.
/// </summary>
public static class LocalBlockClock
{
    public const long BlockMilliseconds = 120_000;

    /// <summary>The local block height at <paramref name="unixMilliseconds"/>, at least <paramref name="previous"/>.</summary>
    public static long Height(long unixMilliseconds, long previous) => Math.Max(previous, unixMilliseconds / BlockMilliseconds);

    public static string Hash(long height) =>
        Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes("hyperbeam-local-block:" + height)));

    /// <summary>The block's timestamp in seconds, as <c>block-timestamp</c> is on Arweave.</summary>
    public static long Timestamp(long height) => height * BlockMilliseconds / 1000;
}
