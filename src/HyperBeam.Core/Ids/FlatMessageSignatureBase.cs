using System.Globalization;
using System.Text;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Ids;

/// <summary>
/// The HMAC signature base of a flat message — short non-empty binaries and integers under plain keys, nothing that
/// httpsig moves into a body or renames — built straight from its keys, byte for byte what
/// <see cref="MessageIds.HmacSignatureBase(Message)"/> builds through the structured and httpsig encodings. A message
/// scheduled without a signature gets its unsigned ID computed once per slot, and that general path builds three
/// intermediate messages, sorted dictionaries and a stream for a handful of keys. Anything outside the shape gives
/// null, and the general path runs.
/// </summary>
internal static class FlatMessageSignatureBase
{
    /// <summary>Keys a flat message may have at most (more go the general path).</summary>
    private const int MaxKeys = 32;

    /// <summary>Keys the encodings treat specially (moved to the body, dropped, regenerated or renamed).</summary>
    private static readonly HashSet<string> SpecialKeys =
    [
        MessageIds.CommitmentsKey, "body", "data", "inline-body-key", "body-keys", "signature", "signature-input",
        AoTypeNames.AoTypesKey, "ao-ids", "content-digest", "content-type", "unsigned_id",
    ];

    private static readonly byte[] IntegerType = Encoding.ASCII.GetBytes(AoTypeNames.Integer);

    /// <summary>The base as a new array, or null when the message is not flat (<see cref="TryWrite"/> into a fresh stream).</summary>
    public static byte[]? TryBuild(Message message)
    {
        var output = new MemoryStream(256);
        return TryWrite(message, output) ? output.ToArray() : null;
    }

    /// <summary>
    /// Writes the base at the end of <paramref name="output"/>; false (and <paramref name="output"/> maybe written to)
    /// when the message is not flat. The caller may hash the stream's buffer in place and reuse the stream.
    /// </summary>
    public static bool TryWrite(Message message, MemoryStream output)
    {
        var entries = message.Entries;
        if (entries.Length == 0 || entries.Length > MaxKeys) return false;
        var keys = new List<string>(entries.Length + 1);
        List<byte>? types = null;
        foreach (var (key, value) in entries)
        {
            if (!IsPlainKey(key)) return false;
            switch (value)
            {
                case AoBinary { IsEmpty: false, Length: <= Codecs.HttpSig.HttpSigEncoder.MaxHeaderLength }:
                    break;
                case AoInteger:
                    types ??= new List<byte>(64);
                    if (types.Count > 0) { types.Add((byte)','); types.Add((byte)' '); }
                    foreach (var c in key) types.Add((byte)c);
                    types.Add((byte)'=');
                    SfText.AppendQuoted(types, IntegerType);
                    break;
                default:
                    return false;
            }
            keys.Add(key);
        }
        if (types is not null)
        {
            if (types.Count > Codecs.HttpSig.HttpSigEncoder.MaxHeaderLength) return false;
            keys.Add(AoTypeNames.AoTypesKey);
        }
        // Derived components (`path`, `method`…) carry an `@` and sort by it; their lines show the bare name.
        var components = SignatureBase.ComponentIdentifiers(keys);

        Span<byte> number = stackalloc byte[20];
        for (var i = 0; i < components.Count; i++)
        {
            if (i > 0) output.WriteByte((byte)'\n');
            var name = components[i][0] == '@' ? components[i][1..] : components[i];
            output.WriteByte((byte)'"');
            WriteAscii(output, name);
            output.Write("\": "u8);
            if (name == AoTypeNames.AoTypesKey)
            {
                output.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(types));
                continue;
            }
            switch (message.Get(name))
            {
                case AoInteger integer:
                    integer.Value.TryFormat(number, out var written, default, CultureInfo.InvariantCulture);
                    output.Write(number[..written]);
                    break;
                case AoBinary binary:
                    // As SignatureBase writes a value: spaces trimmed at both ends, newlines folded to spaces.
                    var value = binary.Span.Trim((byte)' ');
                    if (value.IndexOf((byte)'\n') < 0) output.Write(value);
                    else foreach (var b in value) output.WriteByte(b == (byte)'\n' ? (byte)' ' : b);
                    break;
            }
        }
        output.WriteByte((byte)'\n');
        // SignatureBase.ParamsLine for plain (lower-case, nothing to escape) components and the HMAC's parameters.
        output.Write("\"@signature-params\": ("u8);
        for (var i = 0; i < components.Count; i++)
        {
            if (i > 0) output.WriteByte((byte)' ');
            output.WriteByte((byte)'"');
            WriteAscii(output, components[i]);
            output.WriteByte((byte)'"');
        }
        output.Write(");alg=\"hmac-sha256\";keyid=\"ao\""u8);
        return true;
    }

    private static void WriteAscii(MemoryStream output, string text)
    {
        foreach (var c in text) output.WriteByte((byte)c);
    }

    /// <summary>Lower-case letters, digits, '-', '_' and '.', not ID-shaped and not one the encodings treat specially.</summary>
    private static bool IsPlainKey(string key)
    {
        if (MessageKeys.IsIdShaped(key) || SpecialKeys.Contains(key)) return false;
        foreach (var c in key)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')) return false;
        return true;
    }
}
