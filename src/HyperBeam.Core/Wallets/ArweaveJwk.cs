using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using HyperBeam.Core.Ids;

namespace HyperBeam.Core.Wallets;

/// <summary>
/// Arweave key files: a JSON Web Key with <c>kty: "RSA"</c> and the base64url fields <c>n, e, d, p, q, dp, dq, qi</c>
/// (what arweave-js and HyperBEAM's <c>ar_wallet</c> write). Reading checks everything a signer relies on, so that a
/// bad file fails here with its name and the problem rather than later inside a signature.
/// </summary>
internal static class ArweaveJwk
{
    private static readonly string[] PrivateFields = ["d", "p", "q", "dp", "dq", "qi"];

    public static RSAParameters Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Fail(source, $"not JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Fail(source, "not a JSON object");

            var kty = Text(root, "kty", source);
            if (kty != "RSA") throw Fail(source, $"not an RSA key (kty is '{kty}')");

            var n = Unsigned(Bytes(root, "n", source));
            var e = Unsigned(Bytes(root, "e", source));
            if (new BigInteger(e, isUnsigned: true, isBigEndian: true) != Wallet.PublicExponent)
                throw Fail(source, $"wrong public exponent (e is {Base64Url.Encode(e)}; Arweave keys use 65537, AQAB)");
            if (n.Length != Wallet.ModulusBytes)
                throw Fail(source, $"the modulus n is {n.Length * 8} bits; Arweave keys are RSA-{Wallet.ModulusBytes * 8}");

            var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var field in PrivateFields) parts[field] = Unsigned(Bytes(root, field, source));

            var half = (n.Length + 1) / 2;
            var parameters = new RSAParameters
            {
                Modulus = n,
                Exponent = e,
                D = Pad(parts["d"], n.Length, "d", source),
                P = Pad(parts["p"], half, "p", source),
                Q = Pad(parts["q"], half, "q", source),
                DP = Pad(parts["dp"], half, "dp", source),
                DQ = Pad(parts["dq"], half, "dq", source),
                InverseQ = Pad(parts["qi"], half, "qi", source),
            };

            var product = new BigInteger(parameters.P, true, true) * new BigInteger(parameters.Q, true, true);
            if (product != new BigInteger(n, true, true)) throw Fail(source, "the primes p and q do not multiply to n");
            return parameters;
        }
    }

    /// <summary>The key as compact JWK JSON; without private parts when <paramref name="includePrivate"/> is false.</summary>
    public static string Write(RSAParameters key, bool includePrivate)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kty", "RSA");
            // HyperBEAM's ar_wallet writes "ext": true (WebCrypto's extractable flag); kept for identical files.
            writer.WriteBoolean("ext", true);
            writer.WriteString("e", Base64Url.Encode(Unsigned(key.Exponent!)));
            writer.WriteString("n", Base64Url.Encode(Unsigned(key.Modulus!)));
            if (includePrivate)
            {
                writer.WriteString("d", Base64Url.Encode(Unsigned(key.D!)));
                writer.WriteString("p", Base64Url.Encode(Unsigned(key.P!)));
                writer.WriteString("q", Base64Url.Encode(Unsigned(key.Q!)));
                writer.WriteString("dp", Base64Url.Encode(Unsigned(key.DP!)));
                writer.WriteString("dq", Base64Url.Encode(Unsigned(key.DQ!)));
                writer.WriteString("qi", Base64Url.Encode(Unsigned(key.InverseQ!)));
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Text(JsonElement root, string field, string source)
    {
        if (!root.TryGetProperty(field, out var value)) throw Fail(source, $"missing field '{field}'");
        if (value.ValueKind != JsonValueKind.String) throw Fail(source, $"field '{field}' is not a string");
        return value.GetString()!;
    }

    private static byte[] Bytes(JsonElement root, string field, string source)
    {
        var text = Text(root, field, source);
        if (text.Length == 0) throw Fail(source, $"field '{field}' is empty");
        if (!Base64Url.TryDecode(text, out var bytes)) throw Fail(source, $"field '{field}' is not valid base64url");
        return bytes;
    }

    /// <summary>JWK integers are minimal big-endian octets; tolerate (and drop) leading zeros all the same.</summary>
    private static byte[] Unsigned(byte[] bytes)
    {
        var first = bytes.AsSpan().IndexOfAnyExcept((byte)0);
        return first <= 0 ? bytes : bytes[first..];
    }

    /// <summary>.NET wants the CRT parts at fixed lengths (d as long as n, the rest half of it).</summary>
    private static byte[] Pad(byte[] value, int length, string field, string source)
    {
        if (value.Length > length) throw Fail(source, $"field '{field}' is longer than a {Wallet.ModulusBytes * 8}-bit key allows");
        if (value.Length == length) return value;
        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    private static WalletException Fail(string source, string problem, Exception? inner = null) =>
        new($"{source}: {problem}", inner);
}
