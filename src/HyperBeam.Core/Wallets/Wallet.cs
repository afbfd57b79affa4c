using System.Security.Cryptography;
using HyperBeam.Core.Ids;

namespace HyperBeam.Core.Wallets;

/// <summary>
/// An Arweave wallet: an RSA-4096 key (public exponent 65537) that signs with RSA-PSS, salt length = hash length,
/// as HyperBEAM's <c>ar_wallet</c> does. The address is base64url(SHA-256(n)).
/// Holds the private key, so dispose it when done.
/// </summary>
public sealed class Wallet : IDisposable
{
    public const int KeySizeBits = 4096;
    public const int ModulusBytes = KeySizeBits / 8;
    public const int PublicExponent = 65537;

    /// <summary>The default key file of <c>hb keygen</c> and the node.</summary>
    public const string DefaultKeyFile = "hb-key.json";

    private static readonly byte[] HmacKey = "ar"u8.ToArray();
    private readonly RSA _rsa;
    private readonly byte[] _modulus;

    private Wallet(RSA rsa)
    {
        _rsa = rsa;
        _modulus = rsa.ExportParameters(includePrivateParameters: false).Modulus!;
        var address = SHA256.HashData(_modulus);
        NativeAddress = address;
        Address = Base64Url.Encode(address);
    }

    /// <summary>The public key: the modulus n, 512 big-endian bytes (the <c>owner</c> of what this wallet signs).</summary>
    public ReadOnlyMemory<byte> PublicKey => _modulus;

    /// <summary>SHA-256 of the modulus, 32 bytes.</summary>
    public ReadOnlyMemory<byte> NativeAddress { get; }

    /// <summary>The address as 43 base64url characters.</summary>
    public string Address { get; }

    /// <summary>A fresh RSA-4096 key; .NET always generates with the public exponent 65537.</summary>
    public static Wallet Create() => new(RSA.Create(KeySizeBits));

    /// <summary>Reads an Arweave JWK key file. Throws <see cref="WalletException"/> naming the file and the problem.</summary>
    public static Wallet Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WalletException($"key file '{path}': cannot be read ({e.Message})", e);
        }
        return FromJwk(json, $"key file '{path}'");
    }

    /// <summary>A wallet from Arweave JWK JSON text.</summary>
    public static Wallet FromJwk(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJwk(json, "JWK");
    }

    private static Wallet FromJwk(string json, string source)
    {
        var parameters = ArweaveJwk.Parse(json, source);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
            return new Wallet(rsa);
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw new WalletException($"{source}: the key parts do not form a valid RSA key ({e.Message})", e);
        }
    }

    /// <summary>
    /// Writes the key file, readable and writable by its owner only (0600) on Unix: the mode is set when the file is
    /// created, so the key is never readable by others, not even for a moment.
    /// </summary>
    public void Save(string path, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var options = new FileStreamOptions
        {
            Mode = overwrite ? FileMode.Create : FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        using var stream = new FileStream(path, options);
        // An overwritten file keeps its old mode; narrow it before any key byte is written.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var bytes = System.Text.Encoding.UTF8.GetBytes(ToJwk(includePrivate: true));
        stream.Write(bytes);
    }

    /// <summary>The key as Arweave JWK JSON, with or without the private parts.</summary>
    public string ToJwk(bool includePrivate) => ArweaveJwk.Write(_rsa.ExportParameters(includePrivate), includePrivate);

    /// <summary>RSA-PSS over SHA-256 (ANS-104, <c>ar_wallet:sign/2</c>).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => Sign(data, HashAlgorithmName.SHA256);

    /// <summary>RSA-PSS with MGF1 over <paramref name="hash"/> and a salt as long as the hash (httpsig uses SHA-512).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data, HashAlgorithmName hash) => _rsa.SignData(data, hash, RSASignaturePadding.Pss);

    /// <summary>Verifies an RSA-PSS SHA-256 signature against a public modulus.</summary>
    public static bool Verify(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Verify(modulus, data, signature, HashAlgorithmName.SHA256);

    /// <summary>
    /// Verifies an RSA-PSS signature (public exponent 65537) of any salt length, as HyperBEAM does; signatures salted
    /// with the hash length take .NET's fast path, others (Node's maximum-length salts) the general check.
    /// Malformed keys or signatures verify as false rather than throwing.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        if (modulus.IsEmpty || signature.IsEmpty) return false;
        try
        {
            if (RsaPublicKeyCache.For(modulus).VerifyData(data, signature, hash, RSASignaturePadding.Pss)) return true;
        }
        catch (CryptographicException)
        {
            // Not a key .NET accepts (e.g. an even or tiny modulus): the general check below decides.
        }
        return RsaPssVerifier.Verify(modulus, data, signature, hash);
    }

    /// <summary>The address of a public modulus: base64url(SHA-256(n)).</summary>
    public static string AddressOf(ReadOnlySpan<byte> modulus) => Base64Url.Encode(SHA256.HashData(modulus));

    /// <summary>HMAC-SHA256 with the key "ar" (<c>ar_wallet:hmac/1</c>).</summary>
    public static byte[] Hmac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(HmacKey, data);

    public void Dispose() => _rsa.Dispose();
}
