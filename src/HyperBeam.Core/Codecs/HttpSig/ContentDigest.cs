using System.Security.Cryptography;

namespace HyperBeam.Core.Codecs.HttpSig;

/// <summary>RFC 9530 <c>content-digest</c> with SHA-256, as a structured-field dictionary: <c>sha-256=:…:</c>.</summary>
public static class ContentDigest
{
    public const string HeaderName = "content-digest";

    public static string Compute(ReadOnlySpan<byte> body) => $"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:";
}
