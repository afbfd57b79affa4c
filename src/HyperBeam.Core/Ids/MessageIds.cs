using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Codecs.HttpSig;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Ids;

/// <summary>
/// Message IDs. The unsigned ID is HyperBEAM's: encode the message as httpsig (body replaced by its
/// content-digest), build the RFC 9421 signature base over every key with <c>alg="hmac-sha256"</c>,
/// <c>keyid="ao"</c>, and take HMAC-SHA256 with the key "ao".
/// </summary>
public static class MessageIds
{
    public const string CommitmentsKey = "commitments";
    private static readonly byte[] HmacKey = "ao"u8.ToArray();
    private static readonly KeyValuePair<string, string>[] HmacParams = [new("alg", "hmac-sha256"), new("keyid", "ao")];

    // One keyed HMAC per thread: the one-shot call sets up OpenSSL's MAC anew each time, twice the cost of the hash.
    [ThreadStatic]
    private static IncrementalHash? _hmac;

    // The flat signature base's buffer, kept per thread up to this size (a message of long values drops it).
    private const int FlatBaseKept = 4096;

    [ThreadStatic]
    private static MemoryStream? _flatBase;

    /// <summary>The unsigned ID (no commitments) as 43-char base64url.</summary>
    public static string Unsigned(Message message) => Base64Url.Encode(message.CachedUnsignedId ??= ComputeUnsigned(message));

    /// <summary>The unsigned ID as 32 raw bytes.</summary>
    public static byte[] UnsignedNative(Message message)
    {
        var cached = message.CachedUnsignedId ??= ComputeUnsigned(message);
        return (byte[])cached.Clone();
    }

    private static byte[] ComputeUnsigned(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // A flat message's base is built straight from its keys, unless its encoding is at hand already, into a
        // buffer the thread keeps (one per unsigned message scheduled: a stream and its copy each time before).
        if (message.CachedSignatureEncoding is null)
        {
            var buffer = _flatBase ??= new MemoryStream(FlatBaseKept);
            buffer.SetLength(0);
            var flat = FlatMessageSignatureBase.TryWrite(message, buffer);
            var id = flat ? Hmac(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) : null;
            if (buffer.Capacity > FlatBaseKept) _flatBase = null;
            if (id is not null) return id;
        }
        return Hmac(HmacSignatureBase(message));
    }

    private static byte[] Hmac(ReadOnlySpan<byte> data)
    {
        var hmac = _hmac ??= IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, HmacKey);
        hmac.AppendData(data);
        return hmac.GetHashAndReset();
    }

    /// <summary>
    /// The ID including every commitment: the unsigned ID when there are none, the commitment's ID when there is
    /// one, else SHA-256 of the sorted commitment IDs joined by <c>", "</c>. HMAC commitments do not count, since
    /// they restate the unsigned ID.
    /// </summary>
    public static string All(Message message)
    {
        var ids = SignedCommitmentIds(message);
        return ids.Count switch
        {
            0 => Unsigned(message),
            1 => ids[0],
            _ => Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(", ", ids)))),
        };
    }

    /// <summary>The HMAC signature base that the unsigned ID is computed over.</summary>
    public static byte[] HmacSignatureBase(Message message) => HmacSignatureBase(message, null);

    /// <summary>
    /// The HMAC signature base over the given keys (those a signature covers), or over every key when null.
    /// A signed message's HMAC commitment uses the keys of its signatures.
    /// </summary>
    public static byte[] HmacSignatureBase(Message message, IEnumerable<string>? keys)
    {
        ArgumentNullException.ThrowIfNull(message);
        var encoded = EncodedForSignature(message);
        var components = SignatureBase.ComponentIdentifiers(keys ?? encoded.Keys);
        return SignatureBase.Build(encoded, components, SignatureBase.ParamsLine(components, HmacParams));
    }

    /// <summary>
    /// The httpsig encoding every signature of the message and its HMAC ID cover: every public key but its
    /// commitments, the body replaced by its content-digest. Computed once per message (and its copies with other
    /// commitments); the result is shared, and immutable like every message.
    /// </summary>
    public static Message EncodedForSignature(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.CachedSignatureEncoding ??= HttpSigEncoder.EncodeForSignature(StructuredCodec.ToTabm(message.Without(CommitmentsKey)));
    }

    /// <summary>The HMAC ID over the given keys (see <see cref="HmacSignatureBase(Message, IEnumerable{string}?)"/>).</summary>
    public static string HmacId(Message message, IEnumerable<string>? keys) =>
        Base64Url.Encode(Hmac(HmacSignatureBase(message, keys)));

    private static List<string> SignedCommitmentIds(Message message)
    {
        var ids = new List<string>();
        if (message.Get(CommitmentsKey) is not Message commitments) return ids;
        foreach (var (id, commitment) in commitments.Entries)
        {
            if (commitment is Message c && c.GetText("alg") == "hmac-sha256") continue;
            ids.Add(id);
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
