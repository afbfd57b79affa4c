using System.Security.Cryptography;

namespace HyperBeam.Core.Codecs.HttpSig;

/// <summary>RFC 9530 <c>content-digest</c> with SHA-256, as a structured-field dictionary: <c>sha-256=:…:</c>.</summary>
public static class ContentDigest
{
    public const string HeaderName = "content-digest";

    public static string Compute(ReadOnlySpan<byte> body) => $"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:";

    /// <summary>
    /// Whether a received <c>content-digest</c> names SHA-256 or SHA-512 and every such digest is the body's. Other
    /// algorithms alone cannot be checked, so they do not pass for a digest.
    /// </summary>
    public static bool Matches(string header, ReadOnlySpan<byte> body)
    {
        var checkedAny = false;
        foreach (var member in header.Split(','))
        {
            var (name, value) = member.Trim().Split('=', 2) is [var n, var v] ? (n, v) : (member.Trim(), "");
            var expected = name switch
            {
                "sha-256" => SHA256.HashData(body),
                "sha-512" => SHA512.HashData(body),
                _ => null,
            };
            if (expected is null) continue;
            if (value != $":{Convert.ToBase64String(expected)}:") return false;
            checkedAny = true;
        }
        return checkedAny;
    }
}
