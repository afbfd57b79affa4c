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

    public static byte[]? TryBuild(Message message)
    {
        var entries = message.Entries;
        if (entries.Length == 0 || entries.Length > MaxKeys) return null;
        // (component identifier, value) per header, ao-types included.
        var lines = new (string Component, string Name, byte[] Value)[entries.Length + 1];
        var count = 0;
        List<byte>? types = null;
        foreach (var (key, value) in entries)
        {
            if (!IsPlainKey(key)) return null;
            byte[] bytes;
            switch (value)
            {
                case AoBinary { IsEmpty: false, Length: <= Codecs.HttpSig.HttpSigEncoder.MaxHeaderLength } binary:
                    bytes = binary.ToArray();
                    break;
                case AoInteger integer:
                    bytes = Encoding.ASCII.GetBytes(integer.Value.ToString(CultureInfo.InvariantCulture));
                    types ??= new List<byte>(64);
                    if (types.Count > 0) { types.Add((byte)','); types.Add((byte)' '); }
                    foreach (var c in key) types.Add((byte)c);
                    types.Add((byte)'=');
                    SfText.AppendQuoted(types, IntegerType);
                    break;
                default:
                    return null;
            }
            lines[count++] = (Component(key), key, bytes);
        }
        if (types is not null)
        {
            if (types.Count > Codecs.HttpSig.HttpSigEncoder.MaxHeaderLength) return null;
            lines[count++] = (AoTypeNames.AoTypesKey, AoTypeNames.AoTypesKey, types.ToArray());
        }
        Array.Sort(lines, 0, count, LineOrder.Instance);

        var components = new string[count];
        for (var i = 0; i < count; i++) components[i] = lines[i].Component;
        var output = new MemoryStream(256);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) output.WriteByte((byte)'\n');
            output.WriteByte((byte)'"');
            foreach (var c in lines[i].Name) output.WriteByte((byte)c);
            output.Write("\": "u8);
            // As SignatureBase writes a value: spaces trimmed at both ends, newlines folded to spaces.
            foreach (var b in lines[i].Value.AsSpan().Trim((byte)' ')) output.WriteByte(b == (byte)'\n' ? (byte)' ' : b);
        }
        output.WriteByte((byte)'\n');
        output.Write("\"@signature-params\": "u8);
        output.Write(Encoding.UTF8.GetBytes(SignatureBase.ParamsLine(components, MessageIds.HmacSignatureParams)));
        return output.ToArray();
    }

    /// <summary>Lower-case letters, digits, '-', '_' and '.', not ID-shaped and not one the encodings treat specially.</summary>
    private static bool IsPlainKey(string key)
    {
        if (MessageKeys.IsIdShaped(key) || SpecialKeys.Contains(key)) return false;
        foreach (var c in key)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')) return false;
        return true;
    }

    /// <summary>The key's component identifier: derived components (<c>path</c>, <c>method</c>…) carry an <c>@</c>.</summary>
    private static string Component(string key) => SignatureBase.ComponentIdentifiers([key])[0];

    private sealed class LineOrder : IComparer<(string Component, string Name, byte[] Value)>
    {
        public static readonly LineOrder Instance = new();

        public int Compare((string Component, string Name, byte[] Value) x, (string Component, string Name, byte[] Value) y) =>
            MessageKeys.Order.Compare(x.Component, y.Component);
    }
}
