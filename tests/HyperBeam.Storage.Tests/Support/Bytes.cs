using System.Text;

namespace HyperBeam.Storage.Tests.Support;

internal static class Bytes
{
    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static StorePath P(string path) => StorePath.Parse(path);

    /// <summary>Deterministic pseudo-random bytes.</summary>
    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every byte value 0..255, twice, so each appears at both even and odd offsets.</summary>
    public static byte[] EveryValue() => [.. Enumerable.Range(0, 512).Select(i => (byte)(i % 256))];
}
